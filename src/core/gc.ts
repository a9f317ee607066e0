/**
 * Garbage-collector tuning for processes that analyze article after article (a server, a batch,
 * their worker threads).
 */
import { setFlagsFromString } from 'node:v8';

let isTuned = false;

/**
 * Turns off V8's allocation-site pretenuring for this process (the flag is process wide; worker
 * threads started afterwards read it too). During the first, slow analyses a scavenge sees most of
 * the article model alive, so V8 decides to allocate tokens and sentences straight in the old
 * generation; the decision sticks, and every later analysis then drags its young objects into the
 * old generation as well: 1.6 MB promoted per scavenge instead of 0.5, a mark-compact every two
 * seconds, scavenges twice as long (--trace-gc-nvp over 1,500 analyses of a 600-word article).
 * Without it, `npm run bench:http` answered 9–17% more checks per second in four alternating pairs,
 * a `factlens batch` of 800 news articles in one thread finished faster in 6 of 7 alternating pairs
 * (4.0–5.3 s against 4.5–6.7, identical reports), and the shipped models loaded as fast. Call it before the first analysis; later calls do nothing.
 */
export function tuneGarbageCollection(): void {
  if (isTuned) return;
  isTuned = true;
  setFlagsFromString('--no-allocation-site-pretenuring');
}

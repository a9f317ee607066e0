/** An OutputFs over the real file system that fails like a full or broken disk, for write-failure tests. */
import { open, rename, unlink } from 'node:fs/promises';
import type { OutputFs } from '../src/cli/output.js';

/**
 * Lets `allowBytes` bytes through, then fails every write with `code` (ENOSPC, EIO…); with
 * `failOn: 'sync'` or `'rename'` the writes succeed and that step fails instead.
 * @example captureIo({ cwd }) with outputFs: failingOutputFs({ code: 'ENOSPC', allowBytes: 100 })
 */
export function failingOutputFs(options: { code: string; allowBytes?: number; failOn?: 'write' | 'sync' | 'rename' }): OutputFs {
  const failOn = options.failOn ?? 'write';
  let left = options.allowBytes ?? 0;
  const fail = (): Error => Object.assign(new Error(`${options.code}: simulated failure`), { code: options.code });
  return {
    async open(path, flags) {
      const handle = await open(path, flags);
      return {
        async write(buffer, offset, length) {
          if (failOn !== 'write') return handle.write(buffer, offset, length);
          if (left <= 0) throw fail();
          // a full disk takes what fits, then refuses the rest
          const n = Math.min(left, length);
          left -= n;
          return handle.write(buffer, offset, n);
        },
        async sync() {
          if (failOn === 'sync') throw fail();
          return handle.sync();
        },
        close: () => handle.close(),
      };
    },
    async rename(from, to) {
      if (failOn === 'rename') throw fail();
      return rename(from, to);
    },
    unlink,
  };
}

/**
 * Built-in word lists for the style analyzer, written for factlens (no third-party list is copied
 * here). Larger research lexicons — the Chakraborty et al. (2016) hyperbolic words, the Recasens et
 * al. (2013) bias lexicon, the MPQA strong-subjective clues — can be added at run time with
 * `factlens check --lexicons <dir>` (see README). Lower-case.
 */

/** Sensational / hyperbolic words typical of clickbait and tabloid framing. */
export const SENSATIONAL = new Set(
  (
    'shocking shocked shock stunning stunned bombshell explosive outrage outrageous outraged unbelievable incredible ' +
    'horrifying horrific terrifying terrified devastating disgusting disgraceful insane crazy epic massive huge ' +
    'mind-blowing jaw-dropping breathtaking amazing astonishing sensational scandalous scandal slams slammed blasts blasted ' +
    'destroys destroyed obliterates annihilates eviscerates humiliates humiliated exposed exposes busted meltdown ' +
    'catastrophic catastrophe apocalyptic nightmare chaos panic furious fury rage enraged hysteria hysterical ' +
    'unprecedented miracle secret secrets truth shameful vile evil sinister bizarre chilling creepy deadly ' +
    'must-see must-read viral epic-fail wow omg'
  ).split(' '),
);

/** Loaded, derogatory or conspiratorial labels that pre-judge the people they name. */
export const LOADED = new Set(
  (
    'regime thugs thug puppet puppets propaganda propagandist globalist globalists elites sheeple crooked traitor traitors ' +
    'treason treasonous hoax hoaxes libtard libtards snowflake snowflakes deep-state cabal shill shills stooge stooges ' +
    'warmonger warmongers warmongering fascist fascists nazi nazis communist communists marxist marxists radical radicals ' +
    'extremist extremists lunatic lunatics criminal criminals invaders invasion illegals corrupt corruption lies liar liars ' +
    'lying fake mainstream-media msm cover-up coverup plandemic scamdemic tyrant tyranny dictator dictatorship aggressor'
  ).split(' '),
);

/** A small list of opinion words used for subjectivity density when no research lexicon is loaded. */
export const SUBJECTIVE = new Set(
  (
    'terrible awful horrible wonderful great brilliant stupid idiotic ridiculous absurd pathetic disgusting shameful ' +
    'outrageous incredible amazing fantastic beautiful ugly evil good bad worst best hate love disgrace disaster ' +
    'clearly obviously undoubtedly surely certainly definitely absolutely totally utterly completely truly really ' +
    'misguided reckless dangerous irresponsible foolish wise brave cowardly heroic villainous harsh'
  ).split(' '),
);

/**
 * Common given names (English, Russian, Arabic, European, Asian transliterations), lower-case. A
 * capitalized run of two or more words that starts with one of these is taken to be a person.
 */
export const FIRST_NAMES: ReadonlySet<string> = new Set(
  (
    'aaron abdul abdullah abu adam adrian ahmed ahmad aisha alan albert alex alexander alexandra alexei alexey ali alice alicia ' +
    'allison amanda amir amy ana anders andre andrea andreas andrew andrei andrey angela angelina ann anna anne annie anthony ' +
    'anton antonio ash ashley ashton barack barbara ben benjamin bernie beth betty bill billy bob bobby boris brad bradley brandon ' +
    'brenda brian bruce bryan carl carla carlos carol caroline catherine charles charlie charlotte chris christian christina ' +
    'christine christopher chuck claire colin connor craig cynthia dan dana daniel danielle david dean deborah debbie denis dennis ' +
    'derek diana diane dick dmitri dmitry donald donna doris dorothy doug douglas dylan ed eddie edward elena elizabeth ellen ' +
    'emily emma emmanuel eric erica erik eugene evan evgeny fatima frank fred frederick gary george gerald gina glenn gloria ' +
    'grace greg gregory hamid hannah harold harry hassan heather helen henry hillary hugh hussein ian igor ilya irina isaac ivan ' +
    'jack jacob jake james jamie jan jane janet jason jean jeff jeffrey jennifer jeremy jerry jessica jill jim jimmy joan joe ' +
    'joel john johnny jon jonathan jose joseph josh joshua joyce juan judith judy julia julian julie justin karen karl kate ' +
    'katherine kathleen kathy katie keith kelly ken kenneth kevin kim kimberly kirk kyle larry laura lauren lawrence leo leon ' +
    'leonid lisa liz louis louise lucy luis luke lynn madeleine mahmoud marco margaret maria marie marina mario mark martha ' +
    'martin mary matt matthew maxim megan melania melissa michael michelle mike mikhail mitch mohamed mohammad mohammed ' +
    'muhammad nancy natalia natalie nathan neil nicholas nick nicolas nicole nikita nikolai nina noah oleg olga omar oscar ' +
    'pamela patricia patrick paul paula peter petr petro philip phillip rachel rafael ralph ramzan randy raymond rebecca ' +
    'recep rex richard rick rob robert robin roger ron ronald rose roy ruth ryan sally sam samantha samuel sandra sara sarah ' +
    'scott sean sergei sergey sharon shirley stephanie stephen steve steven susan svetlana tammy ted teresa theresa thomas tim ' +
    'timothy tina todd tom tony tracy tyler valentina valery vanessa vasily victor victoria viktor vincent virginia vitaly ' +
    'vladimir vladislav volodymyr walter wayne wendy william willie xi yevgeny yulia yuri zachary'
  ).split(' '),
);

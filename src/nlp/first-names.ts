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

/**
 * Given names that are usually women's, lower-case: a pronoun "she" goes to the nearest person
 * whose gender is female or unknown. Names used for both (Jamie, Kim, Robin) are in neither list.
 */
export const FEMALE_FIRST_NAMES: ReadonlySet<string> = new Set(
  (
    'abby abigail ada adriana agnes aisha alexandra alexis alice alicia alison allison alyssa amanda amber amelia amy ana ' +
    'andrea angela angelina anita ann anna anne annette annie april ashley audrey barbara beatrice becky belinda beth betsy ' +
    'betty beverly bonnie brenda bridget brittany brooke camila candace carla carly carmen carol carolyn caroline cassandra ' +
    'catherine cathy chelsea cheryl chloe christie christina christine cindy claire clara claudia colleen connie courtney ' +
    'crystal cynthia daisy dana danielle darlene dawn debbie deborah debra denise diana diane dianne dolores donna dora ' +
    'doris dorothy edith eileen elaine eleanor elena elisabeth elise eliza elizabeth ella ellen elsa emily emma erica erin ' +
    'esther eva evelyn faith fatima felicia fiona florence frances gabriela gabrielle gail gillian gina giselle gladys gloria ' +
    'grace gretchen gwen hannah harriet heather heidi helen helena hillary holly hope huma ilhan irene iris irina isabel ' +
    'isabella ivanka jacqueline jade jan jane janet janice jasmine jean jeanne jenna jennifer jenny jessica jill joan joanna ' +
    'jodi jody josephine joy joyce judith judy julia julie june karen karina kate katherine kathleen kathryn kathy katie ' +
    'kayla kellyanne kelsey kirsten kristen kristin kristina laura lauren leah leslie lily linda lindsay lisa liz ' +
    'lorena lori lorraine louise lucia lucy lydia lynn mackenzie madeleine madeline madison maggie mallory mara marcia ' +
    'margaret maria mariah marian marie marilyn marina marion marsha martha mary maureen maxine megan meghan melania melanie ' +
    'melinda melissa meredith mia michele michelle mildred miranda molly monica nadia nancy naomi natalia natalie nicole ' +
    'nikki nina nora norma olga olivia paige pamela patricia patti paula pauline peggy penelope penny phyllis priscilla ' +
    'rachel rebecca regina renee rita roberta rosa rosalind rose rosemary ruth sabrina sally samantha sandra sara sarah ' +
    'sharon sheila shelby shirley sofia sonia sophia sophie stacey stella stephanie sue susan susana suzanne svetlana sylvia ' +
    'tamara tammy tanya tara teresa theresa tiffany tina tracy tulsi valentina valerie vanessa vera veronica victoria ' +
    'violet virginia wanda wendy whitney yolanda yulia yvonne zoe'
  ).split(' '),
);

/** Given names that are usually men's, lower-case (see FEMALE_FIRST_NAMES). */
export const MALE_FIRST_NAMES: ReadonlySet<string> = new Set(
  (
    'aaron abdul abdullah abraham adam adrian ahmad ahmed al alan albert alberto alex alexander alexei alexey alfred ali ' +
    'allen alvin amir andre andreas andrei andrew andrey andy angel angus anthony anton antonio arnold arthur ash ashton ' +
    'barack barry ben benjamin bernard bernie bill billy bob bobby boris brad bradley brandon brent brett brian bruce bryan ' +
    'byron calvin carl carlos cecil chad charles charlie chester chris christian christopher chuck clarence clark claude ' +
    'clifford clint cody colin connor corey cory craig curtis dale dan daniel danny darrell darren dave david dean ' +
    'dennis denis derek devin dick dmitri dmitry don donald doug douglas duane dustin dwight dylan earl ed eddie edgar ' +
    'edward edwin elijah elliot emmanuel enrique eric erik ernest eugene evan evgeny felix fernando floyd francis francisco ' +
    'frank franklin fred frederick gabriel gary gavin gene geoffrey george gerald gilbert glen glenn gordon grant greg ' +
    'gregory guy hamid harold harry harvey hassan hector henry herbert herman howard hugh hussein ian igor ilya isaac ivan ' +
    'jack jacob jake james jared jason javier jay jeb jeff jeffrey jeremy jerome jerry jesse jesus jim jimmy joe joel john ' +
    'johnny jon jonathan jordan jorge jose joseph josh joshua juan julian justin karl keith ken kenneth kevin kirk kurt kyle ' +
    'lamar lance larry lawrence leo leon leonard leonid leroy lewis lloyd louis luis luke malcolm manuel marco ' +
    'marcus mario mark marshall martin marvin matt matthew maurice max maxim melvin michael miguel mike mikhail milton ' +
    'mitch mitchell mohamed mohammad mohammed muhammad nathan nathaniel neil nelson nicholas nick nicolas nikita nikolai ' +
    'noah norman oleg oliver omar oscar owen patrick paul pedro percy perry pete peter petr petro phil philip phillip ' +
    'rafael ralph ramon ramzan randall randy ray raymond reggie reginald reince rex ricardo richard rick ricky rob robert ' +
    'roberto rod rodney roger roland ron ronald ross roy rudy russell ryan sam samuel scott sean sergei sergey seth shane ' +
    'shawn sidney stanley stephen steve steven stuart ted terry theodore thomas tim timothy todd tom tommy tony travis ' +
    'trevor troy tyler valery vernon victor viktor vince vincent vitaly vladimir vladislav volodymyr wade walter warren ' +
    'wayne wesley willard william willie wilson xi yevgeny yuri zachary'
  ).split(' '),
);

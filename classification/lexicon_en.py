"""English lexicon (also catches English phrases code-switched into other languages).

Weights: 3 names the behaviour outright, 2 describes the conduct plainly, 1 is a hint.
Vocabulary spans British, American, Caribbean, African and South Asian English.
"""

BODY = (
    "breast*|boob*|chest|thigh*|butt|butts|bum|buttock*|ass|arse|crotch|groin|genital*|"
    "private|privates|bottom|waist|hips|leg|legs|lap|bra|underwear|skirt"
)

SPECS: dict[str, str] = {
    "sexual_misconduct": f"""
    3: took advantage; taking advantage ~3 drunk|state|asleep; could not ~1 consent;
    3: took|taking|carried|carrying ~5 to|into ~2 his|her ~1 room|bed;
    3: pressed|pressing|pushed|rubbing|rubbed ~1 himself|herself ~2 against|on|onto;
    3: lay|lying|got|climbed ~2 into ~1 her|my|his ~1 bed; lay down next to; in her bed; in my bed;
    2: grab*|grabbing ~2 women|woman|girls|her|me|participants|colleagues;
    2: so|too ~1 drunk ~3 stand|walk|could|did; not remember ~3 much|what|anything;
    2: forced ~3 dance|hug|sit;
    3: sexual* harass*; sexually harass*; harass* sexual*; sexual* assault*; sexual* abus*;
    3: sexually abus*; sexual* exploit*; sexually exploit*; rape; raped; rapes; raping; rapist;
    3: molest*; grope*; groping; fondl*; grooming; groom* ~3 girl*|boy*|kid*|child*|minor*;
    3: sextortion; revenge porn; intimate image*|photo*|picture*|video*; nudes; nude photo*;
    3: dick pic*; sex for ~3 job*|grade*|mark*|aid|food|money|favour*|favor*|promotion*|contract*;
    3: sexual favour*|favor*; sleep with him|me|her ~4 job|contract|promotion|position|place;
    3: touch*|grab*|stroke*|rub*|squeez*|pinch*|slap* ~3 {BODY}; hand ~2 up ~2 skirt|shirt|dress;
    3: hands ~2 {BODY}; forced ~2 kiss*; kissed me|her|him ~2 without; unwanted kiss*|touch*;
    3: upskirt*; flash* ~2 genital*|penis|himself; exposed himself; masturbat*; indecent*;
    3: transactional sex; sugar daddy; lack of consent; without ~2 consent; non consensual;
    2: sexual comment*|joke*|remark*|message*|advance*|innuendo*; sexual*; sexuali*; porn*;
    2: touched me|her|him|them|my|girls|boys|women; touching me|her|girls|women|participants;
    2: came onto|on to; hit on; hitting on; come on to; flirt*; creep; creepy; pervert*;
    2: perv; pervy; sleaze*; sleazy; lewd*; leer*; ogl*; explicit ~2 message*|photo*|picture*;
    2: send ~2 photos|pictures|pics ~3 body|bikini|bed|underwear; sexting; send nudes;
    2: hotel room; my room ~3 night|alone|drink; his room; her room; in bed; bed with;
    2: kiss*; hug* ~3 long|tight|uncomfortable; massag*; seduc*; make out; hook up;
    2: date with him|her; go out with him|her; asked me out; wants to date; sexy; hot body;
    2: his hands; her hands; wandering hands; too close ~3 body; rubbed against; brushed against;
    2: uncomfortable ~4 touch*|comment*|look*|body; looks at ~3 girls|women|body|chest;
    2: prostitut*; sex work*; pregnant ~4 him|supervisor|coordinator|teacher;
    2: affair ~4 participant|student|beneficiar*|girl|minor; relationship ~3 participant|student;
    1: sex; assault*; advances;
    2: consent; predator*; abus* ~3 girl*|boy*|child*|kid*|minor*|student*;
    1: body; bodies; underwear; inappropriate*; naked; whatsapp ~3 night|late; late at night;
    1: photos; pictures; pics; lingerie; bikini; attractive; pretty; beautiful; darling; babe;
        2: what ~3 wearing;
    3: be nice to him; nice to him;
    3: know what ~2 you|i ~2 have to do; alone with him; get warned about him; warned about him;
    3: hand|hands|arm|arms|fingers ~3 {BODY}; on his lap; onto his lap; tried|trying ~2 to kiss;
    2: message*|text*|call* ~6 midnight|night|am; sleep alone; hearts and kisses;
    2: small favour|favor;
    2: relationship with ~3 girl|boy|student|pupil|participant|beneficiar*;
    2: comments ~4 body|figure|wearing;
    2: dorm*; sat on my bed; stands ~2 close; in the car ~3 alone;
    1: favour; favor; favours; alone; night; wearing;

    3: visit him; his place ~4 evening|night; private photo*; photo* ~4 under the table|skirt;
    3: shared ~3 private|intimate|nude ~1 photo*|picture*;
    2: warned about; their looks; about my looks; dreamed|dreamt about|of me;
    2: knock* ~4 door ~4 room; let him in; dance with me;
    2: genital*; wants to check|see ~2 body|genitals
    3: walk*|barg*|burst*|come|comes|came|coming ~3 in|into ~3 changing|shower*|bathroom*|toilet*;
    3: hidden ~2 camera*|phone* ~5 toilet*|bathroom*|shower*|changing; private time;
    3: in exchange for ~3 sex|sleep*|night|private|time|favour*|favor*|kiss*|company;
    2: changing room*; shower* ~4 watch*|peek*|camera*; company ~3 night|midnight|room;
    2: ask* ~4 pics|photos|pictures ~3 night|late|send|of her|of them|of yourself; dm*;
    """,
    "abusive_behaviour": """
    3: bully*; bullied; intimidat*; humiliat*; verbal* abus*; physical* abus*;
    3: psychological* abus*; emotional* abus*; abuse of power|authority; abus* ~2 power;
    3: threaten*; threat; threats; assault*; beat* ~2 up; beaten; punched; slapped; kicked;
    3: mobbing; harass* ~3 work|workplace|moral|psycholog*|daily|constant*; gaslight*;
    3: shout* ~3 at; yell* ~3 at; scream* ~3 at; hit me|her|him|them|us|participant*;
    3: insult*; berat*; belittl*; demean*; degrad*; tyrant; toxic; hostile;
    2: shout*; yell*; scream*; swear* ~3 at; cursed at;
    2: called me|her|him|us ~3 stupid|idiot|useless|lazy|names;
    2: stupid; idiot*; useless; incompetent; worthless; lazy; moron*;
    1: donkey; dog; animal*;
    2: mock*; ridicul*; laugh* at; make fun; made fun; public* ~3 shame*|criticis*|attack*;
    2: push*|shov*|grab* ~5 me|her|him|arm|neck|collar; slap*; punch*; hit; hitting; kick*;
    2: violent*; violence; aggressiv*; aggression; rage; anger; angry; temper; outburst*;
    1: fear; afraid; scared; terrified; trembl*; cry*; cried; tears; panic*; anxiety;
    1: control*;
    2: micromanag*; isolat*; ostracis*; ostraciz*; exclude* ~3 meeting*|whatsapp|group;
    2: forced ~3 to work|stay|apologi*; punish*; sanction*; fire* ~3 me|her|him|you|anyone;
    2: unpaid overtime; work ~3 weekend*|night* ~3 or ~3 fired; slave*; overwork*;
    1: power; authority;
    2: abus*; abusive; disrespect*; rude*; harsh*; cruel*; mean to;
    2: humilia*; embarrass*; in front of ~3 everyone|team|group|participants|staff|colleagues;
    2: reprisal*; retaliat*; victimis*; victimiz*; blacklist*; demoted; sidelin*;
    1: pressure*; stress*; burn* out; burnout; sick leave; resign*; quit; toxic;
    1: manager; boss; director; supervisor; coordinator; in charge;
        3: make sure ~4 never ~3 work; you ll see|regret; you will regret; or else;
    3: called ~3 monkeys|dogs|animals|names|donkey*|stupid;
    3: treat* ~3 like ~2 dogs|animals|slaves|trash;

    3: tear* ~3 apart|to shreds; rips into; picks on; in front of the rest|others;
    3: slam* ~4 wall|against; finish me; hazing; initiation ritual*;
    2: against the wall; read ~3 aloud|out loud; stopped ~2 greeting|talking to me;
    2: meetings without me; imagining things; clean ~4 house|home|car; personal errands;
    2: when to be quiet|shut up;
    1: stand ~2 until
    """,
    "discrimination": """
    3: discriminat*; racis*; sexis*; homophob*; transphob*; biphob*; xenophob*; islamophob*;
    3: antisemit*; misogyn*; ableis*; ageis*; casteis*; tribalis*; colourism; colorism;
    3: racial slur*; slur*; misgender*; deadnam*; wrong pronoun*; pronouns;
    3: because ~4 woman|women|gay|lesbian|trans|black|muslim|christian|hindu|disabled|deaf|blind|
        pregnant|old|young|foreign*|african|indigenous|refugee*|migrant*|positive|dalit|caste|
        accent|religion|race|colou*|skin|ethnicity|tribe|age|gender|sexuality|orientation|
        disability|nationality|origin;
    3: because of ~2 my|her|his|their ~2 gender|sex|race|skin|colou*|religion|faith|caste|tribe|
        ethnicity|disability|age|sexuality|orientation|accent|nationality|origin|status|wheelchair|
        hijab|headscarf|pregnancy;
    3: lower caste; upper caste; dalit*; untouchab*; hiv status; hiv positive; hiv;
    3: unequal pay; paid less ~6 men|women|man|woman|male|female|colleague*; pay gap;
    2: gay; lesbian*; bisexual*; queer; trans; transgender; nonbinary; non binary; lgbt*;
    1: white; age; woman; women; female; equal;
    2: black; colou*; skin; race; ethnic*; tribe; tribal; indigenous; caste;
    2: muslim*; christian*; hindu*; jewish; jew; religion; religious; hijab; headscarf; veil;
    2: disab*; wheelchair; deaf; blind; impair*; autis*; accessib*; ramp; sign language;
    2: men only; male only; gender; sexual orientation;
    2: pregnan*; maternity; breastfeed*; too old; too young; older; elderly;
    2: foreigner*; migrant*; refugee*; immigrant*; nationality; accent; origin;
    2: not hired|promoted|selected|invited|allowed ~6 because; excluded ~4 because;
    2: stereotyp*; prejudic*; bias*; unfair*; unequal*; exclusion; excluded; segregat*;
    2: faggot*; fag; dyke; tranny; batty; chi chi; nigger*; coolie; kaffir; monkey; savage*;
    1: other men; male colleagues; the men; the women; only men; only women; as a woman;
        3: go back to your country; fresh faces;
        3: only ~3 african*|black|women|muslim*|foreign*|white;
    2: caste*; haitian*; somali*; nigerian*; congolese; venezuelan*; chinese; arab*; roma; gypsy*;
    2: indian; pakistani;
    2: male candidates; men were not asked; less than ~4 men|male|colleagues; my status;
    2: share ~2 surname;
    1: at #senior; positive; status; nationality;

    """,
    "conflict_of_interest": """
    2: partner|owner|co owner|part owner ~3 garage|workshop|shop|hotel|printing|printer|agency|
        firm|supplier|transport|pharmacy|restaurant|caterer|catering|venue|company;
    3: conflict of interest*; conflict* of interest; nepotis*; cronyism; undeclared;
    3: not declared; not|never|without ~2 declar*|disclos*; failed to ~2 declar*|disclos*;
    3: his|her|their ~2 own ~3 company|business|firm|shop|organi*|ngo;
    3: his|her|their ~2 wife|husband|brother|sister|cousin|nephew|niece|son|daughter|girlfriend|
        boyfriend|partner|spouse|fiance*|uncle|aunt|mother|father|relative*|family ~6 hired|hire|
        recruit*|contract*|company|business|firm|supplier|vendor|consultan*|grant|application|
        selected|tender|bid|owns|runs|shop|catering|hotel|transport;
    3: brother in law; sister in law; son in law; daughter in law; in laws; family member*;
    3: favouritis*; favoritis*; reviewed ~3 own; scored ~4 wife|husband|partner|friend;
    3: owns ~3 company|business|shop|hotel|firm; shareholder; stake in; side business;
    2: wife; husband; brother; sister; cousin; nephew; niece; uncle; aunt; relative*; kin;
    2: girlfriend; boyfriend;  fiance*; best friend; childhood friend; close friend;
    2: hired; hire; recruit*; appointed; selected; shortlist*; interview panel;
    1: panel;
    2:  vendor*;  consultan*;  bid;  procurement;
    2: contract* ~4 to|with ~3 his|her|friend*|relative*|family; awarded; steer*; rigged;
    2: declar*; disclos*; recus*; related to;
    1: interest*; relationship; ties; tie;
    2: registration; registered ~3 name|company; director of; owner; owned by;
    2: same surname; same family; family business; his company; her company;
    1: friend; friends; family; personal;  company; business; firm; grant*; review*;
        2: share ~2 surname; no advert*; no interview; without ~2 advert*|interview|competition;
    1: also on ~3 committee|board|panel;
    1: supplier*; vendor*; contractor*; consultan*; tender*; bid; bids; procurement;
    1: partner; board member; rent; lease; voted; vote;
    3: daughter|son|wife|husband|nephew|niece|brother|sister|cousin|girlfriend|
        boyfriend ~2 of the ~1 chair|director|president|treasurer|coordinator|manager|secretary;
    2: belongs to ~3 director|coordinator|chair|treasurer|manager|president|his|her; abstain*;
    2: did not abstain;
    3: both sides of the table; judge and jury;
    3: relationship with ~3 focal|colleague|subordinate|supervisee|employee|staff;
    2: also the one who; is also ~3 employed|paid|working|works|on the
    """,
    "fraud_corruption": """
    3: fraud*; embezzl*; corrupt*; brib*; kickback*; kick back*; backhander*; bung; bungs;
    3: misappropriat*; siphon*; pocket*; stole; stolen; steal*; theft; thief; launder*;
    3: fake|false|falsif*|forg*|fabricat*|inflat*|padd*|doctor* ~3 receipt*|invoice*|report*|
        signature*|timesheet*|attendance|list*|document*|figure*|expense*|bill*|quote*|number*;
    3: ghost ~2 participant*|worker*|employee*|beneficiar*|name*|staff|training|workshop*;
    3: cook* ~2 books; fiddl* ~3 books|accounts|expenses; double bill*|billing|claim*|count*;
    3: skim*; diverted ~3 fund*|money; divert* ~3 fund*|money|grant; misuse ~3 fund*|money|grant;
    3: kitu kidogo; chai ~3 police|officer|official; facilitation fee*; under the table;
    3: took|takes|keep*|kept ~3 cut|part|share|percent ~4 money|allowance*|per diem*|salary|
        stipend*|fund*|grant*;
    3: cash ~4 disappear*|missing|unaccounted; money ~3 disappear*|missing|vanish*;
    2: receipt*; invoice*; expense*; per diem*; allowance*; stipend*; reimburs* ~3 never|fake;
    2: money; cash; fund*;  accounts; accounting;   financ*; treasur*; grant money;
    2: signature*; signed ~3 names|list|attendance; attendance ~2 list*|sheet*; forged;
    2: overcharg*; overpric*; inflated; padded; phantom; fictitious; fake; falsif*; forg*;
    2: paid ~4 never ~3 delivered|happened|held|took; never ~3 happened|took|held;
    2: scam*; swindl*; cheat*; dishonest*; irregular*; missing; disappear*; unaccounted;
    2: bank account; personal account; mobile money; m pesa; transfer* ~3 his|her|own|personal;
    2: extort*; pay ~3 to|for ~2 get|place|job; demanded ~3 payment|money|fee;
    1: spent; spend; paid; payment*; price*; cost*; bill*;  numbers; figures;
        3: something for tea|soda|lunch; tea money; put ~3 down as ~2 fuel|transport; as fuel;
    2: project ~2 vehicle|car|fuel|funds|money ~8 wedding|funeral|personal|private|holiday|family;
    2: for his|her ~1 wedding|funeral|house|holiday|personal; fuel card; logbook; per participant;

    1: budget*; audit*; financ*; donor*;
    3: paid twice; double paid; charged twice; cobra* twice;
    2: above ~3 market|price|prices; commission* ~3 charg*|cut|fee|pay; extra fee*;
    3: charg*|ask*|demand*|collect*|take*|takes ~6 fee*|money|pay* ~8 free; supposed to be free;
    3: pay* ~3 to be|get ~2 registered|listed|enrolled|on the list; resold; resell*; reselling;
    3: same ~3 faces|photos|pictures|photo|banner ~8 different|another|other ~2 date*|project*|
        year*|training*|report*;
    3: photos|pictures|photo ~6 from ~2 another|other|previous|old|last ~2 project*|year|training*|
        event*|activit*;
    2: staged; backdat*; sold ~4 market|trader*|shop*; sell* ~4 market|trader*|shop*;
    2: round up ~3 numbers|figures; reached ~6 only|actually|never;
    1: fee; fees;
    """,
    "substance_misuse": """
    3: drunk; drunken; intoxicat*; inebriat*; wasted; hammered; plastered; sloshed; tipsy;
    3: pissed ~3 drink*|beer|bar|night|again|wasted|drunk; hungover; hangover; booze*;
    3: smell* ~3 alcohol|booze|beer|liquor|rum|weed|marijuana|alcool; reek* ~3 alcohol|booze;
    3: under the influence; high on; stoned; smok* ~3 weed|joint*|marijuana|ganja|crack|meth;
    3: cocaine; coke; crack; meth; heroin; mdma; ecstasy; molly; ketamine; lsd; drug dealer*;
    3: selling|sell*|sold|supply*|supplied|deal*|offer*|gave|give*|pass* ~3 drug*|weed|pills|joint*|
        cocaine|coke|ganja|dagga|khat|miraa;
    3: alcohol*; alcoholic; alcoholism; substance* ~2 misuse|abuse|use; drug* ~2 use|abuse|problem;
    2: drink*; drank; beer*; beers; wine; liquor; rum; whisk*; vodka; gin;
    2: weed; marijuana; cannabis; ganja; dagga; spliff*; joint; joints; blunt*;
    1: pot; herb; high; shots; bottle*; spirits; bar; glue;
    2: khat; miraa; bhang; charas; chang aa; busaa; moonshine; palm wine; tik;
    2: drug*; pills; pill; substance*; buzzed; smashed; tanked; trashed; pub;
    2: slurr*; stagger*; could not ~2 stand|walk|drive; passed out;
    1: vomit*; threw up;
    2: sober*; rehab; addict*; dependen*; binge*; party|parties ~4 drink*|alcohol|beer;
    2: drive*|driving|drove ~5 drunk|drinking|alcohol|beer;
    1: party; parties; night out; bars; club; nightclub; smell*; smoke; smoking; cigarette*;
        3: was|were|got|gets|is|s|getting ~1 high;
    3: on something; high on something; pupils ~3 huge|dilated|big|wide|pinned|enlarged;
    3: snort*; lines of ~2 coke|something|powder; off his|her|their face*; bevvied; on a bender;
    2: out of it; bloodshot; red eyes; flask; bender; using ~3 drugs|cocaine|pills;

    """,
    "other": """
    2: website; web site; broken link; login; log in; password; page ~3 load*|error|down;
    2: reimbursement ~4 late|delay*|still|waiting|pending; visa; invitation letter; catering;
    2: membership fee*; membership dues; annual fee*; newsletter; certificate*; venue;
    2: how do i; how can i; is it possible; can i ~4 anonymous*|report|submit|change|update;
    2: any update; follow up; following up; my previous report; earlier report; case number;
    2: reference number; tracking code; receipt code;
    1: thank you; thanks for; suggestion*;
    1: link; app; email; information; info; food; performance;
    1: form ~3 not|doesn|won|error|crash*|work*; upload*; attachment*;
    1: question; questions; wondering; clarif*; confidential* ~3 how|whether;
    1: meeting* ~3 language|english|french|spanish|portuguese|translat*|interpret*|zoom|time;
    1: translat*; interpret*; schedule; agenda; deadline*; registration ~2 open|closed|deadline;
    1: lunch; meals; menu; hotel booking; accommodation; flight*; travel arrangement*;
    1: feedback; suggest*; recommend*; improve*; programme|program ~3 feedback|design|content;
    1: policy|position|statement|campaign|sponsor*|partnership ~4 disagree*|concern*|network;
    1: disagree*; poor performance; late ~2 deliver*|report*|submission;
    1: support ~3 request|available|services|counsel*; counselling; counseling; resources;
    1:   board; annual meeting;   training; webinar;
    1: please;  thanks; regards; hello; hi; dear; kindly; delayed; still waiting;
        2: this channel; code of conduct ~3 apply|applies|cover*; minutes; reports ~3 late;
    2: portal; payslip*; pay slip*; fix it; grievance ~2 process|procedure; how ~4 process ~2 work*;

    """,
    "minor_involved": """
    3: #age year|years|yr|yrs old; #age year|yr olds; #age yo; #age y o; aged #age;
    3: age #age; ages #age; between #age and; #age or #age; #age and #age year*;
    3: minor; minors; underage; under age; under 18|eighteen; below 18; not yet 18;
    3: child; children; childs; kid; kids; schoolgirl*; schoolboy*; pupil*; teen; teens;
    3: teenager*; adolescen*; juvenile*; tween*; little girl*; little boy*; toddler*;
    3: grade #grade; #grade th|st|nd|rd grade; year #grade student*|pupil*; primary school;
    3: secondary school; high school*; highschool; middle school; junior high; form #grade;
    3: he|she|who|girl|boy|kid|child|niece|nephew|son|daughter|sister|brother|cousin ~1 is|was|s|
        turned|aged|only|just ~1 #age;
    3: niece|nephew|daughter|girl|boy ~1 #age; my|his|her|their ~1 son ~1 #age;
    0: have|having|has|had ~2 children|kids; my|our ~1 children|kids; children s|childrens rights;
    2: school ~3 girl*|boy*|student*|children|kid*; students ~3 school; child protection;
    1: girl; girls; boy; boys; school; students; student; young girl*; young boy*; baby;
    0: like a kid|child|teenager; like kids|children; treat* ~2 like ~2 kid*|child*;
    3: #age and #age; are|were ~1 #age and|or
    3: is|was|s|re|are|were ~1 like|about|around|barely|maybe ~1 #age;
    0: pupils ~3 huge|dilated|big|wide|pinned|enlarged;
    """,
    "immediate_danger": """
    0: shooting|shoot|shoots|shot ~1 up;
    3: gun|guns|pistol|firearm|rifle|knife|knives|machete|panga|cutlass|blade|weapon*;
    3: kill* ~2 me|her|him|you|us|them|myself|herself|himself|themselves|everyone;
    3: suicid*; self harm*; self harming; hurt* myself|himself|herself; cut* myself|himself|herself;
    3: end* ~2 my|his|her ~2 life; end it all; want to die; wants to die; better off dead;
    3: not want to live; not want to be alive; no reason to live; overdos*;
    3: hang* myself|himself|herself;
    3: not responding; unresponsive; unconscious; not breathing; passed out ~4 not|breathing|pool;
    3: bleeding; won t stop ~3 hitting|beating; weaving ~4 road; in the car ~3 now;
    3: jump* ~3 roof|bridge|building|window; not want to wake up; never wake up;
    3: trying to get ~1 in|into; breaking ~2 door; just took ~4 child|boy|girl|kid|children;
    3: knows where i|you|we|she ~1 live*|stay*; we know where you ~1 live*|stay*;
    3: in danger; danger ~3 now|tonight; fear ~2 for my|her|his|their ~2 life|lives|safety;
    1: now;
    3: happening now; as we speak; within hours; within the hour; in ~1 hour|hours;
    2: right now; tonight; this evening; this night;
    3: locked ~3 room|inside|in; trapped; hiding ~3 from; waiting ~3 outside|for;
    3: coming ~3 get|after|tonight|for; knows where ~2 live*|stay*;
    3: burn* ~3 house|home|office; acid; poison*; strangl*; choke*; chok*; shoot*; stab*;
    3: driver|driving|drive ~8 drunk|drinking|wasted|high|intoxicat*|smashed|pissed;
    3: drive*|driving ~4 drunk|drinking|intoxicat* ~6 back|home|now|tonight|kids|children|
        participants|bus|van;
    2: urgent*; emergency; help me; help us; please help; sos; immediately; asap;
    2: threaten* ~4 hurt|harm|beat|attack|rape|burn|shoot|stab; death threat*; unsafe; not safe;
    2: still here; right outside; outside my door; follow* me home; followed me; stalk*;
    1: tomorrow morning; today; afraid; scared; terrified; threat*; violent*; danger*;
    3: drunk|smashed|wasted|hammered|plastered|high|stoned ~6 driv*; keys ~3 hand|car;
    1: need someone; send someone;
    2: come now; come quickly;
    2: can t take it anymore; can not take it anymore; ends today; end it today;
    2: stones at ~2 window; threw stones;
    1: someone needs to; someone must
    2: or next time; next time it will; slashed ~3 tyres|tires;
    3: no longer ~2 want* to live; not want to live anymore; thought about how to do it
    3: gave|giving|given ~1 away ~2 things|belongings|stuff|possessions; point ~2 in|of ~1 going on;
    3: not see ~2 point ~2 living|going on|anymore; say* ~2 goodbye* ~4 forever|everyone;
    """,
    "retaliation": """
    3: retaliat*; reprisal*; victimis* ~4 report*|complain*|speak*|spoke;
    3: whistleblow* ~4 punish*|fired|threat*;
    3: if ~2 i|you|she|he|they|anyone ~3 report*|tell*|told|talk*|speak*|say*|complain*;
    3: if ~3 go to ~2 board|police|focal|network; if ~3 police|board|committee|donor|hr|focal;
    3: shut up or; withdraw ~3 complaint|report|concern;
    2: keep ~2 quiet|mouth|silent;
    0: like|want|wish|wanted|would ~2 to withdraw ~3 complaint|report|concern;
    2: since|after|because|for ~4 reported|complained|spoke|raised|reporting|complaining|denounced;
    3: punished ~3 for ~4 report*|speak*|complain*|rais*|question*|ask*;
    3: fired|sacked|dismissed|removed|demoted|excluded|threatened|suspended|blamed ~4 for|
        after ~4 report*|complain*|speak*|raising|asking|question*;
    2: traitor; snitch*; grass; whistleblower; troublemaker; disloyal;
    """,
    "report_act": """
    1: flagged; flagged that; flagged it;
    1: testified; testify*; witness in; gave evidence; gave a statement; refused to sign;
    1: questioned; denounced;
    1: asked ~4 why|where|for ~3 accounts|money|documents|receipts|figures|audit;
    1: spoke|talked|went ~2 to ~2 board|police|committee|focal|director|donor|hr;
    1: told ~1 the|my ~1 coordinator|director|manager|supervisor|chair|board|committee|police;
    1: reported; report it; complained; complaint; spoke up; speaking up;
    1: raised ~3 concern*|issue|it;
    1: told ~2 board|committee|focal|director|management|hr|donor|police; whistleblow*;
    1: blew the whistle;
    1: spoke|talked|went ~2 to ~2 auditor*|investigator*|ethics|safeguarding;
    1: asked ~3 question*|money|receipts|accounts;
    1: asked ~5 statements|books|ledger|invoices|budget|spending|expenses|bank;
    1: told ~2 donor|donors|funder|auditor*|auditors|police|media; since i told; ever since i;
    1: witness*; raised; in writing; wrote to ~3 board|director|committee|hr|management;
    0: want|like|wish|writing|write|am|is ~2 to report; would like to report; this is to report;
    0: i|we ~1 am|are|m|re ~1 reporting; here to report;
    1: showed|forwarded|sent|gave|took ~4 hr|board|director|manager|chair|donor|funder|police|
        committee|auditor*|ethics|safeguarding|management|treasurer|president;
    1: told|informed|alerted|warned|emailed ~3 chair|treasurer|president|secretary|branch|
        ethics|safeguarding|panel|ombuds*|funder*|hr|management|headquarters;
    1: filed|lodged|made|submitted|raised ~3 complaint|grievance|report|concern|formally;
    1: put in ~2 complaint|grievance|report;
    1: grievance; spoke out; called out; signed ~3 letter|petition; went to ~3 hr|police|board|
        chair|donor|union|labour|labor;
    1: refused to ~3 sign|falsify|lie|pay|cover|change|backdate|approve; objected; challenged;
    1: asked ~3 why|about|whether|how; asked ~3 for ~2 explanation|breakdown|details;
    1: gave ~2 statement|testimony|evidence; witness statement; made a statement; exposed;
    """,
    "punishment": """
    1: cut my hours; no longer allowed; not invited; not allowed in;
    1: fired; sacked; dismissed; demoted; removed; excluded; suspended; threatened; blacklisted;
    1: punished; transferred; sidelined; ignored; isolated; not renewed; cut my|our|her|his;
    1: kicked out; banned; shouted at; insulted; blamed; accused; cold shoulder; stopped inviting;
    1: not ~2 renewed|extended; cut me out; cut out of; removed from; liar; traitor; incompetent;
    1: delayed; under review; not a team player; stopped ~2 inviting; slashed;
    1: wait* ~3 outside|for me; anonymous ~1 messages|calls; call* me at night;
    1: remember ~3 children|family|kids;
    1: taken off; dropped from; no longer invited; made my life hell; hostile;
    1: moved me; blocked my; took away my; changed my ~2 shifts|hours|role; night shifts; unstable;
    1: crazy; mad;
    1: block*; written warning; warning letter; took me off; took me out of; off the team;
    1: removed me;
    1: was|were|got|been ~1 moved|transferred|reassigned ~3 to; hours ~2 were|got ~1 cut|reduced;
    1: salary ~3 halved|cut|reduced; restructured; assigned me ~3 night|worst; told others not to;
    1: refuses to sign; refused to sign ~2 my|her|his; dropped me;
    1: not|never ~1 last ~1 here|long; dirty linen; ignore* my ~1 emails|messages|calls;
    1: redeployed; redundan*; let go; terminated; ended ~2 early; was|were ~1 ended;
    1: stopped ~3 salary|stipend|pay|allowance|contract|payments; no longer ~2 required|needed|
        welcome|included|invited|allowed;
    1: under ~2 investigation|review|probation; disciplinary; probation; warning;
    1: cut ~3 pay|salary|stipend|hours|allowance|shifts; reassigned; frozen out; silent treatment;
    1: name ~4 list|rota|roster|redundancy; smear*; rumours|rumors ~3 about me; spreading;
    1: told ~2 staff|others|everyone|people ~3 i|she|he|that; lost my ~2 job|post|position|
        contract|shifts; watch your back; regret; be careful; careful what;
    1: not speak* to me; not talk* to me; stopped ~3 talking|speaking to me; moved ~3 desk;
    1: night duties; night shifts; worst ~2 shifts|duties|assignments; transfer* ~3 to;
    """,
}

/*-------------------------------------------------------------------------
 *
 * corpus_formulas.h
 *	  House and agency formulas of the realistic bench corpus generator
 *	  (bench/corpus_gen.c): the sentences that real wire copy repeats from
 *	  story to story, written for newsprint in the styles of business,
 *	  market, court and sports desks.
 *
 * Every list is in order of popularity: the generator draws entry r with a
 * weight of 1 / (r + 3), so the first formulas of a list turn up in many
 * stories and the last ones rarely, as in real copy.
 *
 * Slots (filled by corpus_gen.c):
 *	 {a|b|c}	one of the alternatives (which may hold slots themselves)
 *	 {D:9,999}	a number of that shape; {CO} {CO2} a company of the story
 *	 (full name), {COS} its short name, {TICK} its ticker; {P1} {P2} {P3}
 *	 people of the story (full name the first time, then the surname),
 *	 {P1F}.. always in full, {ROLE1} {ROLE2} their jobs; {CITY} {TOWN}
 *	 {TOWN2} places; {DAY} the weekday of the event; {MON} a month;
 *	 {DATE} a date; {YEAR}; {Q} a quarter ("first"); {PCT} a percentage in
 *	 the outlet's style; {PCT1} the story's own figure; {USD} the story's
 *	 amount of money, {USDR} another one, in the outlet's style; {PRICE} a
 *	 share price; {PENCE}; {CTS} {CTS0} the story's dividend and a lower
 *	 prior one, {CTSP} a prior one that may be the same; {AGE}; {OFF} the
 *	 offence of a court story; {TEAM1} {TEAM2}
 *	 {TEAM3} and {S1} {S2} a match; {MIN} a minute; {ORD} a position;
 *	 {SUBJ} "The company", "It", its short name or "The group";
 *	 {CLAUSE} a sentence of the story's prose, run on; {QUOTE} one as a
 *	 quotation; {EQUOTE} the event's own quotation (the same in all its
 *	 reports); {w:N}.. {PER} {LOC} {ORG} {NAM} as in the sentence frames.
 *
 * bench/corpus_formulas.h
 *
 *-------------------------------------------------------------------------
 */

/* Leads of company stories */
static const char *const biz_lead[] = {
	"{CO} said it {has agreed to acquire|agreed to buy|will acquire|has agreed to buy} {CO2} for {USD} in {cash|cash and stock|stock}.",
	"{CO} said it {expects|now expects} {Q}-quarter {earnings|profit} to be {lower than|above|in line with|below} analysts' estimates.",
	"{CO} said it has {completed|agreed to} the sale of its {w:N} {unit|division|business} to {CO2} for {USD}.",
	"{CO} said its {net income|profit|sales} {rose|fell|increased|declined} {PCT1} in the {Q} quarter{ from a year earlier|}.",
	"{CO} said it plans to {cut|eliminate|add} about {D:9,999} jobs {over the next two years|by the end of the year|as part of a restructuring}.",
	"{CO} said its board approved a {two|three}-for-one stock split{ and raised the quarterly dividend|}.",
	"{CO} said it has filed {an application|a request} with the U.S. {Securities and Exchange Commission|Food and Drug Administration|Federal Trade Commission} {to|for permission to} {w:V} its {w:N}.",
	"{CO} said it will build a {USD} {plant|factory|distribution centre|research centre} in {CITY}, creating about {D:999} jobs.",
	"{CO} said it {won|was awarded|has received} a {USD} contract from {the U.S. {Navy|Army|Air Force|Department of Energy}|{CO2}} to supply {w:Ns}.",
	"{CO} said it named {P2F} {chief executive|president|chief financial officer|chairman}, succeeding {P3F}, who {is retiring|resigned last month|will become chairman}.",
	"{CO} and {CO2} said they {have agreed|plan} to {merge|form a joint venture|combine their} {w:N} {operations|businesses}.",
	"{CO} said it {raised|lowered|cut} its {full-year|annual} {earnings|profit|revenue} forecast{, citing {w:A} {w:N}| after a {w:A} {Q} quarter|}.",
	"{CO} said it {is|was} in talks {to sell its {w:N} business|to buy {CO2}|with {CO2} about a possible merger}.",
	"Shares of {CO} {rose|fell|jumped|slid} {PCT1} to {PRICE} on {DAY} after the company said it {w:Vd} {a|its} {w:N}.",
	"{CO} said it {will|would} close its {w:N} {plant|factory|office} in {CITY}{, affecting about {D:999} workers|}.",
	"{CO} said it has reached an agreement in principle to sell its {w:N} {unit|operations} to {CO2}.",
	"{CO} said it {agreed to pay|will pay} {USD} to settle {a lawsuit|claims|an investigation} {over its {w:N}|brought by {CO2}|by the U.S. Justice Department}.",
	"{CO} said it {has|had} {received|rejected} an unsolicited offer from {CO2} worth {USD}.",
	"{CO} said it {would|will} {buy back|repurchase} up to {D:9.9} million of its {common |}shares.",
	"{CO}, {the {w:A} {w:N} maker|the {CITY}-based {w:N} company|a maker of {w:Ns}}, said it {w:Vd} {a|its} {w:N} {on {DAY}|}.",
	"{CO} reported a {Q}-quarter {net loss|profit} of {USD}{, or {D:99} cents a share|}.",
	"{CO} said its {chairman|chief executive|president} {P1F} {resigned|will retire|has stepped down} {for personal reasons|at the end of the year|}.",
	"{CO} said it {will|plans to} {raise|spend} {USD} {to expand|to upgrade|on} its {w:N} {operations|network|capacity}.",
};

/* The body of company stories */
static const char *const biz_body[] = {
	"{SUBJ} said the {transaction|deal|acquisition} is subject to {regulatory approval|approval by shareholders|customary closing conditions}.",
	"Terms of the {deal|agreement|sale} were not disclosed.",
	"{SUBJ} said it has about {D:9,999} employees{ in {CITY}| worldwide|}.",
	"A spokesman for {CO} {declined to comment|could not be reached for comment|said the company does not comment on market rumours}.",
	"{SUBJ} said it expects the {deal|transaction|sale} to {close|be completed} in the {Q} quarter.",
	"In the year-earlier quarter, the company {earned|reported a profit of} {USDR}, or {D:99} cents a share.",
	"Analysts {had expected|on average had forecast} earnings of {D:99} cents a share, according to {{ORG}|{NAM}}.",
	"{CO2} {is based in|is headquartered in} {CITY}{ and makes {w:Ns}| and employs about {D:9,999} people|}.",
	"{SUBJ} did not {give|provide|disclose} {details|a reason|further details}.",
	"Revenue {rose|fell} {PCT} to {USDR}{, the company said|}.",
	"\"We are {pleased|delighted|excited} to {w:V} {CO2}'s {w:Ns},\" {P1} said {in a statement|in a news release|}.",
	"{SUBJ} said it {will|would} {use the proceeds {to reduce debt|for general corporate purposes}|fund the {purchase|acquisition} {from cash on hand|with bank loans}}.",
	"Last year, the company reported {net income|a net loss|sales} of {USDR}.",
	"{SUBJ}'s shares {closed|ended} {up|down} {D:9.99} at {PRICE} on the New York Stock Exchange.",
	"The U.S. {Securities and Exchange Commission|Justice Department|Federal Trade Commission} {is reviewing|has approved|must approve} the {deal|merger|transaction}.",
	"{SUBJ} said it has {D:9,999} {stores|branches|plants|offices} in {D:99} countries.",
	"The {deal|offer} values {CO2} at about {USDR}, or {PRICE} a share{, a premium of {PCT} to its closing price on {DAY}|}.",
	"{SUBJ} said the {w:N} {would|will} not have a material effect on its {earnings|results|operations}.",
	"It said {earnings|profit} in the {Q} quarter {were|was} {hurt|helped|boosted} by {w:A} {w:N}{ in the U.S.| in Europe| in Asia|}.",
	"{CO} shares {rose|fell|were unchanged} {at|to} {PRICE} in {early|afternoon|late} trading.",
	"The {deal|agreement} {gives|will give} {CO} {access to|a bigger share of} the U.S. market for {w:Ns}.",
	"{SUBJ} said it was {reviewing|considering} {its options|strategic alternatives|the offer}.",
	"{P1}, the company's {ROLE1}, said {in a statement |}that {CLAUSE}",
	"{SUBJ} said it has received {financing|commitments} of {USDR} from {a group of banks|{CO2}|its lenders}.",
	"{SUBJ} said it {had|has} no plans to {w:V} its {w:Ns}.",
	"{CO} said it was not aware of any reason for the {rise|fall|activity} in its {shares|stock}.",
	"{SUBJ} said it expects {sales|revenue|demand} to {improve|remain {w:A}|recover} in the {second half|coming months|next year}.",
	"{SUBJ} said it has agreed to {w:V} {CO2}'s {w:N} {unit|division|operations} for an undisclosed sum.",
	"It said the {w:N} would be {w:Vd} by the end of the year.",
	"{SUBJ} said it would take a {Q}-quarter charge of {USDR} related to the {w:N}.",
	"{P1}, an analyst at {CO2}, said {CLAUSE}",
	"{SUBJ} said {net income|operating profit} for the year {was|is} expected to be {USDR}.",
	"The {plant|unit|division} had sales of {USDR} last year, the company said.",
	"{CO2} said it {would|will} {continue to |}{w:V} its {w:Ns} in the U.S.",
	"{SUBJ} said it {has|had} filed for {Chapter 11 bankruptcy|protection from its creditors} in {CITY}.",
};

/* Run-on attributions that turn a sentence of prose into agency copy */
static const char *const attribution[] = {
	", {the company|{COS}|the firm|the group} said.",
	", {CO} said.",
	", {P1} said.",
	", officials said.",
	", a company spokesman said.",
	", police said.",
	", according to {CO}.",
	", the statement said.",
	", the company said in a statement.",
	", {P1} told reporters.",
	", it said.",
	", {P2} said.",
	", the report said.",
	", {P1} said in an interview.",
	", {ORG} said in a statement.",
	", a spokeswoman said.",
	", sources said.",
	", analysts said.",
};

/* General news formulas */
static const char *const gen_body[] = {
	"\"{QUOTE}\" {P1} said.",
	"{P1} said {in a statement |on {DAY} |}that {CLAUSE}",
	"\"{QUOTE}\" {P1} told reporters.",
	"{P1} did not respond to a request for comment.",
	"The {ministry|department|agency|government} said {in a statement |}that {CLAUSE}",
	"\"{QUOTE}\" {P2}, a spokesman for {ORG}, said.",
	"According to {ORG}, {CLAUSE}",
	"{P2}, {ROLE2} of {ORG}, said {CLAUSE}",
	"The {U.S.|British|European} {embassy|government} did not immediately comment.",
	"{P1} told {a news conference|reporters|a press conference} in {CITY} on {DAY} that {CLAUSE}",
	"No one was {injured|hurt|killed}, {police|officials} said.",
	"It was not immediately clear {whether|how|why} {CLAUSE}",
	"Officials said {CLAUSE}",
	"The U.S. {State Department|Defense Department|embassy} {said|declined to comment|urged restraint}.",
	"The {incident|attack|accident} happened at about {D:9}:{D:99} {a.m.|p.m.} on {DAY}.",
	"{ORG} said it would {w:V} the {w:N} {next week|later this month|on {DAY}}.",
	"{P1} is due to {travel to|visit|meet officials in} {CITY} {next week|on {DAY}|later this month}.",
	"In a statement, {ORG} said {CLAUSE}",
	"Police {appealed for witnesses|are investigating|said inquiries were continuing}{ and asked anyone with information to contact them|}.",
	"\"{QUOTE}\" said {P2}, who {w:Vd} the {w:N}.",
	"The {report|study|survey} was published on {DAY}.",
};

/* Court reports (British and American styles) */
static const char *const court_lead[] = {
	"A {AGE}-year-old {man|woman} {from {TOWN} |}appeared at {TOWN2} Crown Court on {DAY} charged with {OFF}.",
	"{P1F}, {AGE}, appeared at {TOWN2} Crown Court {on {DAY} |}accused of {OFF}.",
	"A {man|woman} has been {charged with|remanded in custody accused of} {OFF} {in|near} {TOWN}.",
	"{P1F}, {AGE}, of {TOWN}, was jailed for {D:9} years at {TOWN2} Crown Court on {DAY} for {OFF}.",
	"A federal judge in {CITY} on {DAY} {sentenced|ordered} {P1F}{ to {D:9} years in prison| to pay {USD}|} {for|over} {OFF}.",
	"{P1F} pleaded {not guilty|guilty} on {DAY} to {OFF}.",
	"Two {men|women} have appeared in court in {TOWN} charged with {OFF}.",
};

static const char *const court_body[] = {
	"{He|She} was remanded in custody {until {DAY}|to appear again next month|pending reports}.",
	"The case was adjourned until {DAY}{ for sentencing| for reports|}.",
	"{P1}, {AGE}, of {TOWN}, {denies|admits} {OFF}.",
	"The trial continues.",
	"{Judge|Recorder|Mr Justice} {P3} told {him|her|the jury|the court} that {CLAUSE}",
	"Prosecutor {P2} told the court {CLAUSE}",
	"The court heard {CLAUSE}",
	"{P1} was granted {conditional |}bail{ and will appear again on {DAY}|}.",
	"Magistrates in {TOWN} sent the case to {TOWN2} Crown Court.",
	"{P1} spoke only to confirm {his|her} name, age and address.",
	"The jury {was|were} told that {CLAUSE}",
	"{P1} faces up to {D:9} years in prison if convicted.",
	"Police said {P1} had been arrested {on {DAY}|at the scene|after a search of {his|her} home}.",
	"{P1}, who was represented by {P2}, did not enter a plea.",
	"{He|She} will be sentenced on {DATE}.",
	"A {D:99}-year-old {man|woman} who was also arrested has been released on bail.",
	"Defence lawyer {P2} said {his|her} client {would appeal|was considering an appeal|had been of good character}.",
	"The hearing lasted {D:99} minutes.",
};

/* Sports reports */
static const char *const sport_lead[] = {
	"{TEAM1} {beat|defeated} {TEAM2} {S1}-{S2} {at home |away |}on {DAY}{ night|}.",
	"{TEAM1} {came from behind to beat|held on to beat|edged past} {TEAM2} {S1}-{S2} on {DAY}.",
	"{P1} scored {twice|a hat-trick|the winner} as {TEAM1} {beat|thrashed|edged} {TEAM2} {S1}-{S2}.",
	"{TEAM1} {moved|climbed} {ORD} in the table after a {S1}-{S2} win over {TEAM2}.",
};

static const char *const sport_body[] = {
	"{P1} {opened the scoring|scored} in the {MIN} minute{ with a {header|low shot|penalty}|}.",
	"{P2} {added|scored} a second {after|before} {half-time|the break|the hour}.",
	"The result {leaves|keeps|lifts} {TEAM1} {ORD} in the table, {D:9} points {behind|clear of} {TEAM3}.",
	"\"{QUOTE}\" {TEAM1} manager {P3} said.",
	"{TEAM2} {host|visit|play} {TEAM3} {next|on} {DAY}.",
	"{P2} was {sent off|booked|substituted} in the {MIN} minute.",
	"{TEAM2} {pulled one back|reduced the deficit} through {P2} in the {MIN} minute.",
	"Attendance: {D:99,999}.",
	"It was {TEAM1}'s {ORD} {win|defeat|draw} in {D:9} games.",
	"{P1} has now scored {D:99} goals this season.",
};

/* Market reports */
static const char *const market_body[] = {
	"The FTSE 100 index {closed|ended|finished} {D:99.9} points {higher|lower} at {D:9,999.9}.",
	"Shares in {CO} {rose|fell|jumped|slipped|climbed|dropped} {PCT} to {PENCE} pence{ after {CLAUSE}|.}",
	"The Dow Jones industrial average {rose|fell} {D:999.99} points, or {PCT}, to {D:99,999.99}.",
	"The dollar {rose|fell|was steady} {against the yen |}at {D:999.99} yen{ in {late|early} trading|}.",
	"Brent crude {rose|fell} {D:9.99} dollars to {D:99.99} dollars a barrel.",
	"Gold {rose|fell|traded} {at|to} {D:9,999.99} dollars an ounce.",
	"Traders said {CLAUSE}",
	"{P1}, {an analyst|a strategist|a trader} at {CO2}, said {CLAUSE}",
	"Volume was {D:999.9} million shares, compared with {D:999.9} million on {DAY}.",
	"Advancing issues outnumbered declining ones by {D:9,999} to {D:9,999}.",
	"Among the biggest {fallers|risers} was {CO}, {down|up} {PCT} at {PENCE}p.",
	"In Europe, {the CAC 40 in Paris|Frankfurt's DAX|Madrid's IBEX} {rose|fell} {PCT}.",
	"The yield on the benchmark 10-year Treasury note {rose|fell} to {D:9.99} percent.",
	"The pound {rose|fell} to {D:9.9999} dollars.",
	"The broader Standard and Poor's 500 index {rose|fell} {D:99.99} points to {D:9,999.99}.",
};

/* Dividend notices: one line, several agencies' styles */
static const char *const dividend[] = {
	"{CO} said its board declared a quarterly dividend of {CTS} cents{ a share| per share|}, payable {DATE} to shareholders of record {DATE2}.",
	"{CO} <{TICK}> - Qtly div {CTS} cts vs {CTSP} cts prior, pay {DATE}, record {DATE2}.",
	"{CO} said it raised its {quarterly |}dividend to {CTS} cents{ a share|} from {CTS0} cents.",
	"{CO} declared a regular quarterly dividend of {CTS} cents per share, payable on {DATE} to holders of record on {DATE2}, the company said.",
	"{CO} said it {cut|suspended|omitted} its quarterly dividend{, which had been {CTS0} cents a share|}.",
	"{CO} plc proposes a final dividend of {D:9.9}p per share, payable on {DATE} to shareholders on the register at {DATE2}.",
	"{CO} <{TICK}> - Semi-annual div {CTS} cts vs {CTSP} cts, pay {DATE}, record {DATE2}.",
	"{CO} said its board declared a {special|year-end} dividend of {CTS} cents{ a share| per share|}, payable {DATE}.",
};

/* What may follow a dividend notice */
static const char *const dividend_tail[] = {
	"The company paid {CTS0} cents a share in the same period last year.",
	"The dividend is the company's first increase since {YEAR}.",
	"{SUBJ} said the higher dividend reflected {w:A} {w:Ns} and a strong balance sheet.",
	"The board also approved the repurchase of up to {D:9.9} million shares.",
	"{SUBJ} said it expected to maintain the dividend at that level.",
	"Shareholders will be asked to approve the dividend at the annual meeting on {DATE}.",
};

/* General briefs' leads (the rest is prose) */
static const char *const brief_lead[] = {
	"{P1}, {ROLE1} of {ORG}, said on {DAY} that {CLAUSE}",
	"{ORG} said on {DAY} it would {w:V} {its|the} {w:N}.",
	"{CITY} {officials|police} said on {DAY} that {CLAUSE}",
	"At least {D:99} people were {killed|injured|hurt} {when|after} {CLAUSE}",
	"{P1} will {w:V} the {w:N} {next week|on {DAY}}, {ORG} said.",
};

/* Round-up headers */
static const char *const roundup_head[] = {
	"Business news in brief",
	"Today's top stories",
	"The day in brief",
	"News summary",
	"What you need to know today",
	"Companies in brief",
};

static const char *const offences[] = {
	"murder", "attempted murder", "manslaughter", "causing death by dangerous driving",
	"robbery", "burglary", "fraud", "assault occasioning actual bodily harm",
	"possession of a firearm", "conspiracy to supply cocaine", "arson", "theft",
	"grievous bodily harm", "money laundering", "possessing an offensive weapon",
	"dangerous driving", "affray", "wounding with intent", "securities fraud",
	"wire fraud", "conspiracy to commit fraud", "insider trading", "bribery",
};

static const char *const roles[] = {
	"chief executive", "chairman", "president", "chief financial officer",
	"spokesman", "spokeswoman", "director", "managing director", "head",
	"general secretary", "deputy director", "secretary", "minister",
	"chief economist", "senior analyst", "founder", "chief operating officer",
	"leader", "deputy leader", "executive director",
};

static const char *const co_suffix[] = {
	"Inc", "Corp", "Inc", "Co", "Ltd", "plc", "Group", "Holdings", "Corp", "Inc",
	"Industries", "International", "Systems", "Partners", "Technologies", "AG", "SA",
};

static const char *const team_suffix[] = {
	"United", "City", "Rovers", "Athletic", "Town", "Wanderers", "Albion",
	"County", "FC", "Rangers", "Harriers", "Celtic",
};

static const char *const leagues[] = {
	"Premier League", "Championship", "League One", "League Two",
	"Scottish Premiership", "National League", "Bundesliga", "Serie A",
	"La Liga", "Ligue 1", "Eredivisie", "Major League Soccer",
};

static const char *const metals[] = {
	"Copper", "Aluminium", "Zinc", "Nickel", "Lead", "Tin", "Gold", "Silver",
	"Platinum", "Palladium", "Wheat", "Corn", "Soybeans", "Sugar", "Coffee",
	"Cocoa", "Cotton", "Brent crude", "WTI crude", "Heating oil", "Natural gas",
};

static const char *const currencies[] = {
	"Euro", "Yen", "Sterling", "Swiss franc", "Canadian dollar", "Australian dollar",
	"Yuan", "Rupee", "Won", "Swedish crown", "Norwegian crown", "Rouble", "Real",
	"Peso", "Rand", "Lira", "Zloty", "Forint",
};

static const char *const exchanges[] = {
	"London Metal Exchange", "Chicago Board of Trade", "New York Mercantile Exchange",
	"ICE Futures Europe", "Tokyo Commodity Exchange", "COMEX",
};

/* Towns with a Crown Court or a magistrates' court, for court reports */
static const char *const towns[] = {
	"Manchester", "Leeds", "Birmingham", "Liverpool", "Bristol", "Newcastle", "Sheffield",
	"Nottingham", "Leicester", "Cardiff", "Southwark", "Preston", "Bradford",
	"Norwich", "Exeter", "Plymouth", "Reading", "Oxford", "Cambridge", "Ipswich", "Chelmsford",
	"Maidstone", "Canterbury", "Lewes", "Winchester", "Southampton", "Portsmouth", "Bournemouth",
	"Swansea", "Newport", "Chester", "Stoke-on-Trent", "Wolverhampton", "Coventry", "Warwick",
	"Worcester", "Gloucester", "Derby", "Lincoln", "Hull", "York", "Teesside", "Durham",
	"Carlisle", "Bolton", "Burnley", "Minshull Street", "Snaresbrook", "Wood Green", "Isleworth",
	"Kingston", "Croydon", "Luton", "St Albans", "Aylesbury", "Northampton", "Peterborough",
	"Mold", "Caernarfon", "Taunton", "Truro", "Salisbury", "Guildford", "Harrow", "Woolwich",
};

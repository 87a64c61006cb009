import { foldLatin } from './transliteration.ts';

/**
 * ISO 3166-1 alpha-2 codes with the English names, former names and demonyms that sanctions
 * lists write in their nationality and citizenship fields ("Russia", "Russian Federation",
 * "Korea, North", "Iran (Islamic Republic of)"). Used to compare a caller's nationality with a
 * list entry's whatever spelling each side uses.
 */
const COUNTRIES = `
AD Andorra;Andorran
AE United Arab Emirates;UAE;Emirati
AF Afghanistan;Afghan
AG Antigua and Barbuda
AL Albania;Albanian
AM Armenia;Armenian
AO Angola;Angolan
AR Argentina;Argentinian;Argentine
AT Austria;Austrian
AU Australia;Australian
AZ Azerbaijan;Azerbaijani
BA Bosnia and Herzegovina;Bosnia-Herzegovina;Bosnian
BB Barbados
BD Bangladesh;Bangladeshi
BE Belgium;Belgian
BF Burkina Faso
BG Bulgaria;Bulgarian
BH Bahrain;Bahraini
BI Burundi;Burundian
BJ Benin
BN Brunei;Brunei Darussalam
BO Bolivia;Bolivia (Plurinational State of);Bolivian
BR Brazil;Brazilian
BS Bahamas;The Bahamas
BT Bhutan
BW Botswana
BY Belarus;Belarusian;Byelorussia
BZ Belize
CA Canada;Canadian
CD Democratic Republic of the Congo;Congo, Democratic Republic of the;DRC;Congo (Kinshasa);Zaire
CF Central African Republic
CG Congo;Republic of the Congo;Congo (Brazzaville)
CH Switzerland;Swiss
CI Cote d'Ivoire;Ivory Coast;Ivorian
CL Chile;Chilean
CM Cameroon;Cameroonian
CN China;People's Republic of China;Chinese
CO Colombia;Colombian
CR Costa Rica
CU Cuba;Cuban
CV Cabo Verde;Cape Verde
CY Cyprus;Cypriot
CZ Czechia;Czech Republic;Czech
DE Germany;German
DJ Djibouti
DK Denmark;Danish
DM Dominica
DO Dominican Republic
DZ Algeria;Algerian
EC Ecuador;Ecuadorian
EE Estonia;Estonian
EG Egypt;Egyptian
ER Eritrea;Eritrean
ES Spain;Spanish
ET Ethiopia;Ethiopian
FI Finland;Finnish
FJ Fiji
FM Micronesia;Micronesia (Federated States of)
FR France;French
GA Gabon
GB United Kingdom;United Kingdom of Great Britain and Northern Ireland;Great Britain;British
GD Grenada
GE Georgia;Georgian
GH Ghana;Ghanaian
GM Gambia;The Gambia
GN Guinea;Guinean
GQ Equatorial Guinea
GR Greece;Greek
GT Guatemala;Guatemalan
GW Guinea-Bissau
GY Guyana
HK Hong Kong
HN Honduras;Honduran
HR Croatia;Croatian
HT Haiti;Haitian
HU Hungary;Hungarian
ID Indonesia;Indonesian
IE Ireland;Irish
IL Israel;Israeli
IN India;Indian
IQ Iraq;Iraqi
IR Iran;Iran (Islamic Republic of);Islamic Republic of Iran;Iranian
IS Iceland
IT Italy;Italian
JM Jamaica
JO Jordan;Jordanian
JP Japan;Japanese
KE Kenya;Kenyan
KG Kyrgyzstan;Kyrgyz
KH Cambodia;Cambodian
KI Kiribati
KM Comoros
KN Saint Kitts and Nevis
KP North Korea;Korea, North;Democratic People's Republic of Korea;DPRK;Korea, Democratic People's Republic of;North Korean
KR South Korea;Korea, South;Republic of Korea;Korea, Republic of;South Korean
KW Kuwait;Kuwaiti
KZ Kazakhstan;Kazakh
LA Laos;Lao People's Democratic Republic;Lao
LB Lebanon;Lebanese
LC Saint Lucia
LI Liechtenstein
LK Sri Lanka;Sri Lankan
LR Liberia;Liberian
LS Lesotho
LT Lithuania;Lithuanian
LU Luxembourg
LV Latvia;Latvian
LY Libya;Libyan
MA Morocco;Moroccan
MC Monaco
MD Moldova;Republic of Moldova;Moldovan
ME Montenegro
MG Madagascar
MH Marshall Islands
MK North Macedonia;Macedonia;The former Yugoslav Republic of Macedonia
ML Mali;Malian
MM Myanmar;Burma;Burmese
MN Mongolia
MR Mauritania;Mauritanian
MT Malta;Maltese
MU Mauritius
MV Maldives
MW Malawi
MX Mexico;Mexican
MY Malaysia;Malaysian
MZ Mozambique
NA Namibia
NE Niger
NG Nigeria;Nigerian
NI Nicaragua;Nicaraguan
NL Netherlands;The Netherlands;Dutch
NO Norway;Norwegian
NP Nepal;Nepalese
NR Nauru
NZ New Zealand
OM Oman;Omani
PA Panama;Panamanian
PE Peru;Peruvian
PG Papua New Guinea
PH Philippines;Filipino
PK Pakistan;Pakistani
PL Poland;Polish
PS Palestine;State of Palestine;Palestinian;West Bank;Gaza
PT Portugal;Portuguese
PW Palau
PY Paraguay
QA Qatar;Qatari
RO Romania;Romanian
RS Serbia;Serbian
RU Russia;Russian Federation;Russian
RW Rwanda;Rwandan
SA Saudi Arabia;Saudi
SB Solomon Islands
SC Seychelles
SD Sudan;Sudanese
SE Sweden;Swedish
SG Singapore;Singaporean
SI Slovenia;Slovenian
SK Slovakia;Slovak
SL Sierra Leone
SM San Marino
SN Senegal;Senegalese
SO Somalia;Somali
SR Suriname
SS South Sudan;South Sudanese
ST Sao Tome and Principe
SV El Salvador
SY Syria;Syrian Arab Republic;Syrian
SZ Eswatini;Swaziland
TD Chad;Chadian
TG Togo
TH Thailand;Thai
TJ Tajikistan;Tajik
TL Timor-Leste;East Timor
TM Turkmenistan;Turkmen
TN Tunisia;Tunisian
TO Tonga
TR Turkey;Turkiye;Turkish
TT Trinidad and Tobago
TV Tuvalu
TW Taiwan
TZ Tanzania;United Republic of Tanzania;Tanzanian
UA Ukraine;Ukrainian
UG Uganda;Ugandan
US United States;United States of America;USA;American
UY Uruguay
UZ Uzbekistan;Uzbek
VA Holy See;Vatican
VC Saint Vincent and the Grenadines
VE Venezuela;Venezuela (Bolivarian Republic of);Venezuelan
VN Viet Nam;Vietnam;Vietnamese
VU Vanuatu
WS Samoa
YE Yemen;Yemeni
ZA South Africa;South African
ZM Zambia
ZW Zimbabwe;Zimbabwean
`;

const key = (name: string): string =>
  foldLatin(name.toLowerCase())
    .replace(/\bthe\b/g, ' ')
    .replace(/[^a-z]/g, '');

const BY_NAME: ReadonlyMap<string, string> = new Map(
  COUNTRIES.trim()
    .split('\n')
    .flatMap((line) => {
      const code = line.slice(0, 2);
      return [[key(code), code] as const, ...line.slice(3).split(';').map((name) => [key(name), code] as const)];
    }),
);

/**
 * The ISO 3166-1 alpha-2 code of a country name, code or demonym; null when unknown.
 *
 * @example
 * countryCode('Russian Federation') // 'RU'
 * countryCode('Korea, North')       // 'KP'
 * countryCode('ir')                 // 'IR'
 */
export function countryCode(name: string): string | null {
  return BY_NAME.get(key(name)) ?? null;
}

"""The regular families of the starter register, written out from short lists of facts.

    python organizations/data/families.py      # rewrites starter_register.json in place

Entries made here (judicial districts, U.S. Attorney's Offices, FBI field offices, committees
of Congress, inspectors general, department components, independent agencies) replace the
entries of the same slug; hand-written entries are kept as they are. Guarded short forms
("the Senate", "the Army") are stored in an entry's titles with the "short form: " marker,
which the tagging engine reads as a short form and not as a title (see tagging/register.py).
Safe to run again: the output is the same.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
REGISTER = HERE / "starter_register.json"
SHORT = "short form: "

# Federal judicial districts: state -> the districts' qualifiers ("" for a whole-state district).
DISTRICTS = {
    "Alabama": "Northern Middle Southern",
    "Alaska": "",
    "Arizona": "",
    "Arkansas": "Eastern Western",
    "California": "Northern Eastern Central Southern",
    "Colorado": "",
    "Connecticut": "",
    "Delaware": "",
    "District of Columbia": "",
    "Florida": "Northern Middle Southern",
    "Georgia": "Northern Middle Southern",
    "Guam": "",
    "Hawaii": "",
    "Idaho": "",
    "Illinois": "Northern Central Southern",
    "Indiana": "Northern Southern",
    "Iowa": "Northern Southern",
    "Kansas": "",
    "Kentucky": "Eastern Western",
    "Louisiana": "Eastern Middle Western",
    "Maine": "",
    "Maryland": "",
    "Massachusetts": "",
    "Michigan": "Eastern Western",
    "Minnesota": "",
    "Mississippi": "Northern Southern",
    "Missouri": "Eastern Western",
    "Montana": "",
    "Nebraska": "",
    "Nevada": "",
    "New Hampshire": "",
    "New Jersey": "",
    "New Mexico": "",
    "New York": "Northern Southern Eastern Western",
    "North Carolina": "Eastern Middle Western",
    "North Dakota": "",
    "Northern Mariana Islands": "",
    "Ohio": "Northern Southern",
    "Oklahoma": "Northern Eastern Western",
    "Oregon": "",
    "Pennsylvania": "Eastern Middle Western",
    "Puerto Rico": "",
    "Rhode Island": "",
    "South Carolina": "",
    "South Dakota": "",
    "Tennessee": "Eastern Middle Western",
    "Texas": "Northern Southern Eastern Western",
    "Utah": "",
    "Vermont": "",
    "Virgin Islands": "",
    "Virginia": "Eastern Western",
    "Washington": "Eastern Western",
    "West Virginia": "Northern Southern",
    "Wisconsin": "Eastern Western",
    "Wyoming": "",
}
POSTAL = {
    "Alabama": "AL", "Alaska": "AK", "Arizona": "AZ", "Arkansas": "AR", "California": "CA",
    "Colorado": "CO", "Connecticut": "CT", "Delaware": "DE", "District of Columbia": "DC",
    "Florida": "FL", "Georgia": "GA", "Guam": "GU", "Hawaii": "HI", "Idaho": "ID",
    "Illinois": "IL", "Indiana": "IN", "Iowa": "IA", "Kansas": "KS", "Kentucky": "KY",
    "Louisiana": "LA", "Maine": "ME", "Maryland": "MD", "Massachusetts": "MA", "Michigan": "MI",
    "Minnesota": "MN", "Mississippi": "MS", "Missouri": "MO", "Montana": "MT", "Nebraska": "NE",
    "Nevada": "NV", "New Hampshire": "NH", "New Jersey": "NJ", "New Mexico": "NM",
    "New York": "NY", "North Carolina": "NC", "North Dakota": "ND",
    "Northern Mariana Islands": "MP", "Ohio": "OH", "Oklahoma": "OK", "Oregon": "OR",
    "Pennsylvania": "PA", "Puerto Rico": "PR", "Rhode Island": "RI", "South Carolina": "SC",
    "South Dakota": "SD", "Tennessee": "TN", "Texas": "TX", "Utah": "UT", "Vermont": "VT",
    "Virgin Islands": "VI", "Virginia": "VA", "Washington": "WA", "West Virginia": "WV",
    "Wisconsin": "WI", "Wyoming": "WY",
}  # fmt: skip

# One U.S. Attorney serves the districts of Guam and of the Northern Mariana Islands.
SHARED_USAO = {"Northern Mariana Islands": "Guam"}

FBI_FIELD_OFFICES = """Albany Albuquerque Anchorage Atlanta Baltimore Birmingham Boston Buffalo
Charlotte Chicago Cincinnati Cleveland Columbia Dallas Denver Detroit El_Paso Honolulu Houston
Indianapolis Jackson Jacksonville Kansas_City Knoxville Las_Vegas Little_Rock Los_Angeles
Louisville Memphis Miami Milwaukee Minneapolis Mobile Newark New_Haven New_Orleans New_York
Norfolk Oklahoma_City Omaha Philadelphia Phoenix Pittsburgh Portland Richmond Sacramento
Salt_Lake_City San_Antonio San_Diego San_Francisco San_Juan Seattle Springfield St._Louis Tampa
Washington""".split()  # noqa: SIM905

DEA_DIVISIONS = """Atlanta Chicago Dallas Denver Detroit El_Paso Houston Los_Angeles Louisville
Miami New_England New_Jersey New_Orleans New_York Omaha Philadelphia Phoenix Rocky_Mountain
San_Diego San_Francisco Seattle St._Louis Washington""".split()  # noqa: SIM905

# (short name used in "Senate X Committee", full subject, acronym)
SENATE_COMMITTEES = [
    ("Agriculture", "Agriculture, Nutrition, and Forestry", ""),
    ("Appropriations", "Appropriations", ""),
    ("Armed Services", "Armed Services", "SASC"),
    ("Banking", "Banking, Housing, and Urban Affairs", ""),
    ("Budget", "the Budget", ""),
    ("Commerce", "Commerce, Science, and Transportation", ""),
    ("Energy", "Energy and Natural Resources", ""),
    ("Environment and Public Works", "Environment and Public Works", "EPW"),
    ("Finance", "Finance", ""),
    ("Foreign Relations", "Foreign Relations", "SFRC"),
    ("HELP", "Health, Education, Labor, and Pensions", ""),
    ("Homeland Security", "Homeland Security and Governmental Affairs", "HSGAC"),
    ("Judiciary", "the Judiciary", ""),
    ("Rules", "Rules and Administration", ""),
    ("Small Business", "Small Business and Entrepreneurship", ""),
    ("Veterans' Affairs", "Veterans' Affairs", ""),
    ("Indian Affairs", "Indian Affairs", ""),
    ("Ethics", "Ethics", ""),
    ("Aging", "Aging", ""),
]
SENATE_SELECT = {"Ethics", "Aging"}
HOUSE_COMMITTEES = [
    ("Agriculture", "Agriculture", ""),
    ("Appropriations", "Appropriations", ""),
    ("Armed Services", "Armed Services", "HASC"),
    ("Budget", "the Budget", ""),
    ("Education and Workforce", "Education and the Workforce", ""),
    ("Energy and Commerce", "Energy and Commerce", ""),
    ("Ethics", "Ethics", ""),
    ("Financial Services", "Financial Services", ""),
    ("Foreign Affairs", "Foreign Affairs", "HFAC"),
    ("Homeland Security", "Homeland Security", ""),
    ("Administration", "House Administration", ""),
    ("Judiciary", "the Judiciary", ""),
    ("Natural Resources", "Natural Resources", ""),
    ("Oversight", "Oversight and Government Reform", ""),
    ("Rules", "Rules", ""),
    ("Science", "Science, Space, and Technology", ""),
    ("Small Business", "Small Business", ""),
    ("Transportation and Infrastructure", "Transportation and Infrastructure", ""),
    ("Veterans' Affairs", "Veterans' Affairs", ""),
    ("Ways and Means", "Ways and Means", ""),
]
JOINT_COMMITTEES = [
    ("Joint Economic Committee", "JEC", []),
    ("Joint Committee on Taxation", "JCT", []),
    ("Joint Committee on the Library", "", []),
    ("Joint Committee on Printing", "", []),
    ("House Select Committee on the Strategic Competition Between the United States and the "
     "Chinese Communist Party", "", ["House Select Committee on the CCP",
                                     "House China Select Committee"]),
    ("Commission on Security and Cooperation in Europe", "", ["Helsinki Commission",
                                                               "U.S. Helsinki Commission"]),
    ("Congressional-Executive Commission on China", "CECC", []),
    ("U.S.-China Economic and Security Review Commission", "USCC", []),
    ("Congressional Hispanic Caucus", "", []),
    ("Congressional Black Caucus", "", []),
]  # fmt: skip

# Agencies with an inspector general: (short form used in names, full name, register slug).
INSPECTORS_GENERAL = [
    ("DOJ", "Department of Justice", "us-department-of-justice", "Justice Department"),
    ("HHS", "Department of Health and Human Services",
     "us-department-of-health-and-human-services", ""),
    ("DHS", "Department of Homeland Security", "us-department-of-homeland-security", ""),
    ("DOD", "Department of Defense", "us-department-of-defense", "Defense Department"),
    ("DOL", "Department of Labor", "us-department-of-labor", "Labor Department"),
    ("USDA", "Department of Agriculture", "us-department-of-agriculture", "Agriculture Department"),
    ("DOT", "Department of Transportation", "us-department-of-transportation",
     "Transportation Department"),
    ("VA", "Department of Veterans Affairs", "us-department-of-veterans-affairs", ""),
    ("HUD", "Department of Housing and Urban Development",
     "us-department-of-housing-and-urban-development", ""),
    ("ED", "Department of Education", "us-department-of-education", "Education Department"),
    ("DOE", "Department of Energy", "us-department-of-energy", "Energy Department"),
    ("DOI", "Department of the Interior", "us-department-of-the-interior", "Interior Department"),
    ("DOC", "Department of Commerce", "us-department-of-commerce", "Commerce Department"),
    ("State", "Department of State", "us-department-of-state", "State Department"),
    ("Treasury", "Department of the Treasury", "us-department-of-the-treasury",
     "Treasury Department"),
    ("SSA", "Social Security Administration", "social-security-administration", ""),
    ("EPA", "Environmental Protection Agency", "us-environmental-protection-agency", ""),
    ("SBA", "Small Business Administration", "us-small-business-administration", ""),
    ("USPS", "U.S. Postal Service", "united-states-postal-service", ""),
    ("NASA", "National Aeronautics and Space Administration",
     "national-aeronautics-and-space-administration", ""),
    ("OPM", "Office of Personnel Management", "us-office-of-personnel-management", ""),
    ("GSA", "General Services Administration", "us-general-services-administration", ""),
    ("FDIC", "Federal Deposit Insurance Corporation", "federal-deposit-insurance-corporation", ""),
    ("SEC", "Securities and Exchange Commission", "us-securities-and-exchange-commission", ""),
    ("USAID", "U.S. Agency for International Development",
     "us-agency-for-international-development", ""),
    ("NSF", "National Science Foundation", "us-national-science-foundation", ""),
    ("NRC", "Nuclear Regulatory Commission", "us-nuclear-regulatory-commission", ""),
    ("Amtrak", "Amtrak", "national-railroad-passenger-corporation", ""),
    ("FHFA", "Federal Housing Finance Agency", "federal-housing-finance-agency", ""),
    ("RRB", "Railroad Retirement Board", "railroad-retirement-board", ""),
]  # fmt: skip

# Components of departments and independent agencies: parent slug -> [(name, acronym,
# aliases separated by ";", kind)]. Facts only: names, acronyms, where each sits.
COMPONENTS = {
    "us-department-of-justice": [
        ("Criminal Division", "", "Justice Department's Criminal Division;DOJ Criminal Division;"
         "Justice Department Criminal Division;Department of Justice Criminal Division"),
        ("Civil Division", "", "Justice Department's Civil Division;DOJ Civil Division;"
         "Justice Department Civil Division;Department of Justice Civil Division"),
        ("Environment and Natural Resources Division", "ENRD", ""),
        ("Tax Division", "", "Justice Department Tax Division;DOJ Tax Division"),
        ("Office of Justice Programs", "OJP", ""),
        ("Office on Violence Against Women", "OVW", ""),
        ("Office of Community Oriented Policing Services", "", "COPS Office"),
        ("Community Relations Service", "", ""),
        ("Executive Office for United States Attorneys", "EOUSA",
         "Executive Office for U.S. Attorneys"),
        ("U.S. Trustee Program", "USTP", "United States Trustee Program"),
        ("Office of Professional Responsibility", "", "DOJ Office of Professional Responsibility"),
        ("Bureau of Justice Statistics", "BJS", ""),
        ("National Institute of Justice", "NIJ", ""),
        ("Bureau of Justice Assistance", "BJA", ""),
        ("Office for Victims of Crime", "OVC", ""),
        ("Office of Juvenile Justice and Delinquency Prevention", "OJJDP", ""),
        ("U.S. Parole Commission", "", "United States Parole Commission"),
        ("Foreign Claims Settlement Commission", "", ""),
        ("Office of the Pardon Attorney", "", ""),
        ("Office of Legal Policy", "", ""),
        ("INTERPOL Washington", "", "U.S. National Central Bureau"),
        ("Organized Crime Drug Enforcement Task Forces", "OCDETF", ""),
        ("Office of the Deputy Attorney General", "ODAG", ""),
    ],
    "criminal-division": [
        ("Fraud Section", "", "Criminal Division's Fraud Section"),
        ("Money Laundering and Asset Recovery Section", "MLARS",
         "Money Laundering, Narcotics and Forfeiture Section"),
        ("Computer Crime and Intellectual Property Section", "CCIPS", ""),
        ("Public Integrity Section", "", ""),
        ("Narcotic and Dangerous Drug Section", "NDDS", ""),
        ("Child Exploitation and Obscenity Section", "CEOS", ""),
        ("Human Rights and Special Prosecutions Section", "HRSP", ""),
        ("Organized Crime and Gang Section", "OCGS", ""),
        ("Office of Overseas Prosecutorial Development, Assistance and Training", "OPDAT", ""),
        ("International Criminal Investigative Training Assistance Program", "ICITAP", ""),
    ],
    "civil-division": [
        ("Consumer Protection Branch", "", ""),
        ("Commercial Litigation Branch", "", ""),
        ("Office of Immigration Litigation", "", ""),
    ],
    "doj-national-security-division": [
        ("Counterterrorism Section", "", ""),
        ("Counterintelligence and Export Control Section", "", ""),
    ],
    "us-department-of-defense": [
        ("Office of the Secretary of Defense", "OSD", ""),
        ("Joint Staff", "", ""),
        ("Defense Contract Audit Agency", "DCAA", ""),
        ("Defense Contract Management Agency", "DCMA", ""),
        ("Defense Counterintelligence and Security Agency", "DCSA", ""),
        ("Defense Finance and Accounting Service", "DFAS", ""),
        ("Defense Health Agency", "", ""),
        ("Defense Information Systems Agency", "DISA", ""),
        ("Defense Security Cooperation Agency", "DSCA", ""),
        ("Defense Threat Reduction Agency", "DTRA", ""),
        ("Defense Commissary Agency", "DeCA", ""),
        ("Defense Technical Information Center", "DTIC", ""),
        ("Defense Technology Security Administration", "DTSA", ""),
        ("Defense POW/MIA Accounting Agency", "DPAA", ""),
        ("Defense Media Activity", "", ""),
        ("Department of Defense Education Activity", "DoDEA", "DOD Education Activity"),
        ("Defense Human Resources Activity", "DHRA", ""),
        ("Pentagon Force Protection Agency", "PFPA", ""),
        ("Washington Headquarters Services", "WHS", ""),
        ("Defense Legal Services Agency", "", ""),
        ("Defense Microelectronics Activity", "", ""),
        ("Space Development Agency", "", ""),
        ("Defense Innovation Unit", "DIU", ""),
        ("Chief Digital and Artificial Intelligence Office", "CDAO", ""),
        ("Office of Local Defense Community Cooperation", "", "Office of Economic Adjustment"),
        ("Test Resource Management Center", "", ""),
        ("Defense Acquisition University", "", ""),
        ("National Defense University", "NDU", ""),
        ("Uniformed Services University of the Health Sciences", "USUHS",
         "Uniformed Services University"),
        ("Military Health System", "", ""),
        ("TRICARE", "", ""),
    ],
    "us-department-of-defense-office-of-inspector-general": [
        ("Defense Criminal Investigative Service", "DCIS", ""),
    ],
    "us-army": [
        ("U.S. Army Criminal Investigation Division", "", "Army Criminal Investigation Division;"
         "Army CID;Army Criminal Investigation Command"),
        ("U.S. Army Reserve", "", "Army Reserve"),
        ("Army National Guard", "", ""),
        ("U.S. Army Futures Command", "", "Army Futures Command"),
        ("U.S. Army Materiel Command", "", "Army Materiel Command"),
        ("U.S. Army Training and Doctrine Command", "TRADOC", "Army Training and Doctrine Command"),
        ("U.S. Army Forces Command", "FORSCOM", "Army Forces Command"),
        ("U.S. Military Academy", "USMA", "West Point;United States Military Academy"),
        ("Army Contracting Command", "", ""),
    ],
    "us-navy": [
        ("Naval Criminal Investigative Service", "NCIS", ""),
        ("U.S. Navy Reserve", "", "Navy Reserve"),
        ("Naval Sea Systems Command", "NAVSEA", ""),
        ("Naval Air Systems Command", "NAVAIR", ""),
        ("Naval Information Warfare Systems Command", "NAVWAR", ""),
        ("Naval Facilities Engineering Systems Command", "NAVFAC", ""),
        ("Military Sealift Command", "", ""),
        ("U.S. Fleet Forces Command", "", "Fleet Forces Command"),
        ("U.S. Pacific Fleet", "", "Pacific Fleet"),
        ("U.S. Naval Academy", "USNA", "Naval Academy;United States Naval Academy"),
        ("Office of Naval Research", "ONR", ""),
    ],
    "us-air-force": [
        ("Air Force Office of Special Investigations", "AFOSI", ""),
        ("Air Force Reserve Command", "", "Air Force Reserve"),
        ("Air National Guard", "", ""),
        ("Air Combat Command", "", ""),
        ("Air Mobility Command", "", ""),
        ("Air Force Materiel Command", "", ""),
        ("Air Force Global Strike Command", "", ""),
        ("U.S. Air Force Academy", "USAFA", "Air Force Academy;United States Air Force Academy"),
        ("Air Force Research Laboratory", "AFRL", ""),
    ],
    "us-marine-corps": [
        ("Marine Corps Forces Reserve", "", "Marine Corps Reserve"),
        ("Marine Corps Recruit Depot Parris Island", "", ""),
    ],
    "us-department-of-homeland-security": [
        ("Science and Technology Directorate", "", "DHS Science and Technology Directorate"),
        ("Countering Weapons of Mass Destruction Office", "CWMD", ""),
        ("Office of Intelligence and Analysis", "", "DHS Office of Intelligence and Analysis"),
        ("Office of Operations Coordination", "", ""),
        ("Office for Civil Rights and Civil Liberties", "CRCL", ""),
        ("Management Directorate", "", "DHS Management Directorate"),
        ("Federal Protective Service", "FPS", ""),
        ("Office of Biometric Identity Management", "OBIM", ""),
        ("Office of Homeland Security Statistics", "", "Office of Immigration Statistics"),
        ("Office of Health Security", "", ""),
        ("U.S. Fire Administration", "USFA", "United States Fire Administration"),
    ],
    "us-customs-and-border-protection": [
        ("Office of Field Operations", "OFO", "CBP Office of Field Operations"),
        ("Air and Marine Operations", "", "CBP Air and Marine Operations"),
    ],
    "us-immigration-and-customs-enforcement": [
        ("Office of the Principal Legal Advisor", "OPLA", ""),
    ],
    "us-department-of-state": [
        ("Bureau of Diplomatic Security", "", "Diplomatic Security;State Department's Bureau of "
         "Diplomatic Security"),
        ("Bureau of International Narcotics and Law Enforcement Affairs", "INL", ""),
        ("Bureau of Population, Refugees, and Migration", "PRM", ""),
        ("Bureau of Democracy, Human Rights, and Labor", "DRL", ""),
        ("Bureau of Counterterrorism", "", ""),
        ("Bureau of Economic and Business Affairs", "", ""),
        ("Bureau of Western Hemisphere Affairs", "", ""),
        ("Bureau of European and Eurasian Affairs", "", ""),
        ("Bureau of East Asian and Pacific Affairs", "", ""),
        ("Bureau of Near Eastern Affairs", "", ""),
        ("Bureau of South and Central Asian Affairs", "", ""),
        ("Bureau of African Affairs", "", ""),
        ("Bureau of International Organization Affairs", "", ""),
        ("Bureau of Intelligence and Research", "INR", ""),
        ("Bureau of Arms Control, Deterrence, and Stability", "", ""),
        ("Bureau of International Security and Nonproliferation", "ISN", ""),
        ("Bureau of Political-Military Affairs", "", ""),
        ("Bureau of Educational and Cultural Affairs", "ECA", ""),
        ("Bureau of Global Public Affairs", "", ""),
        ("Bureau of Energy Resources", "", ""),
        ("Bureau of Oceans and International Environmental and Scientific Affairs", "", ""),
        ("Bureau of Cyberspace and Digital Policy", "", ""),
        ("Bureau of Global Health Security and Diplomacy", "", ""),
        ("Office to Monitor and Combat Trafficking in Persons", "", ""),
        ("Foreign Service Institute", "FSI", ""),
        ("Office of Foreign Missions", "OFM", ""),
        ("Rewards for Justice", "", ""),
    ],
    "us-department-of-the-treasury": [
        ("IRS Criminal Investigation", "IRS-CI", "Internal Revenue Service Criminal "
         "Investigation;Internal Revenue Service-Criminal Investigation;IRS CI"),
        ("Treasury Inspector General for Tax Administration", "TIGTA", ""),
        ("Office of Terrorism and Financial Intelligence", "TFI", ""),
        ("Financial Stability Oversight Council", "FSOC", ""),
        ("Committee on Foreign Investment in the United States", "CFIUS", ""),
        ("Office of Financial Research", "OFR", ""),
        ("Community Development Financial Institutions Fund", "", "CDFI Fund"),
    ],
    "us-department-of-the-interior": [
        ("U.S. Park Police", "USPP", "United States Park Police;Park Police"),
        ("Office of Natural Resources Revenue", "ONRR", ""),
        ("National Indian Gaming Commission", "NIGC", ""),
        ("Bureau of Trust Funds Administration", "", ""),
    ],
    "us-department-of-agriculture": [
        ("Rural Utilities Service", "", ""),
        ("Risk Management Agency", "", ""),
        ("Foreign Agricultural Service", "", ""),
        ("National Institute of Food and Agriculture", "NIFA", ""),
        ("Commodity Credit Corporation", "", ""),
    ],
    "us-department-of-commerce": [
        ("Minority Business Development Agency", "MBDA", ""),
        ("U.S. Commercial Service", "", "Commercial Service"),
        ("National Technical Information Service", "NTIS", ""),
        ("First Responder Network Authority", "", "FirstNet Authority"),
    ],
    "us-department-of-labor": [
        ("Office of Federal Contract Compliance Programs", "OFCCP", ""),
        ("Veterans' Employment and Training Service", "", ""),
        ("Office of Workers' Compensation Programs", "OWCP", ""),
        ("Office of Labor-Management Standards", "OLMS", ""),
        ("Job Corps", "", ""),
        ("Women's Bureau", "", ""),
    ],
    "us-department-of-health-and-human-services": [
        ("HHS Office for Civil Rights", "", "Department of Health and Human Services Office "
         "for Civil Rights"),
        ("Agency for Toxic Substances and Disease Registry", "ATSDR", ""),
        ("Advanced Research Projects Agency for Health", "ARPA-H", ""),
        ("Biomedical Advanced Research and Development Authority", "BARDA", ""),
        ("Office of the Surgeon General", "", ""),
        ("U.S. Public Health Service Commissioned Corps", "", "Public Health Service "
         "Commissioned Corps;U.S. Public Health Service"),
    ],
    "us-food-and-drug-administration": [
        ("FDA Office of Criminal Investigations", "", "Office of Criminal Investigations"),
        ("Center for Drug Evaluation and Research", "CDER", ""),
        ("Center for Biologics Evaluation and Research", "CBER", ""),
        ("Center for Devices and Radiological Health", "CDRH", ""),
        ("Center for Tobacco Products", "CTP", ""),
        ("Center for Food Safety and Applied Nutrition", "CFSAN", ""),
    ],
    "national-institutes-of-health": [
        ("National Institute of Mental Health", "NIMH", ""),
        ("National Heart, Lung, and Blood Institute", "NHLBI", ""),
        ("National Institute on Drug Abuse", "NIDA", ""),
        ("National Institute on Aging", "NIA", ""),
        ("National Institute of Diabetes and Digestive and Kidney Diseases", "NIDDK", ""),
        ("National Library of Medicine", "NLM", ""),
        ("National Institute of Environmental Health Sciences", "NIEHS", ""),
        ("National Human Genome Research Institute", "NHGRI", ""),
        ("National Institute of Neurological Disorders and Stroke", "NINDS", ""),
        ("National Institute of General Medical Sciences", "NIGMS", ""),
    ],
    "centers-for-disease-control-and-prevention": [
        ("National Center for Health Statistics", "NCHS", ""),
        ("National Institute for Occupational Safety and Health", "NIOSH", ""),
    ],
    "us-department-of-housing-and-urban-development": [
        ("Office of Fair Housing and Equal Opportunity", "FHEO", ""),
        ("Office of Community Planning and Development", "", ""),
        ("Office of Public and Indian Housing", "", ""),
    ],
    "us-department-of-transportation": [
        ("Great Lakes St. Lawrence Seaway Development Corporation", "", ""),
        ("Bureau of Transportation Statistics", "", ""),
    ],
    "us-department-of-energy": [
        ("Office of Science", "", "DOE Office of Science"),
        ("Advanced Research Projects Agency-Energy", "ARPA-E", ""),
        ("Office of Energy Efficiency and Renewable Energy", "EERE", ""),
        ("Loan Programs Office", "", ""),
        ("Bonneville Power Administration", "", ""),
        ("Western Area Power Administration", "WAPA", ""),
        ("Southwestern Power Administration", "", ""),
        ("Southeastern Power Administration", "", ""),
        ("Pacific Northwest National Laboratory", "PNNL", ""),
        ("Idaho National Laboratory", "INL", ""),
        ("National Renewable Energy Laboratory", "NREL", ""),
        ("Lawrence Berkeley National Laboratory", "", "Berkeley Lab"),
        ("Brookhaven National Laboratory", "", ""),
        ("Fermi National Accelerator Laboratory", "", "Fermilab"),
        ("Savannah River Site", "", ""),
        ("Hanford Site", "", ""),
    ],
    "us-department-of-education": [
        ("Office of Special Education and Rehabilitative Services", "OSERS", ""),
        ("Office of Elementary and Secondary Education", "", ""),
        ("Office of Postsecondary Education", "", ""),
    ],
    "us-department-of-veterans-affairs": [
        ("Board of Veterans' Appeals", "", ""),
    ],
    "executive-office-of-the-president": [
        ("Office of the National Security Advisor", "", ""),
        ("Office of Pandemic Preparedness and Response Policy", "", ""),
        ("White House Counsel's Office", "", "Office of the White House Counsel"),
        ("White House Press Office", "", ""),
    ],
}  # fmt: skip

INDEPENDENT = [
    ("Federal Retirement Thrift Investment Board", "FRTIB", ""),
    ("Appalachian Regional Commission", "", ""),
    ("Defense Nuclear Facilities Safety Board", "DNFSB", ""),
    ("Federal Mine Safety and Health Review Commission", "", ""),
    ("Occupational Safety and Health Review Commission", "OSHRC", ""),
    ("National Capital Planning Commission", "NCPC", ""),
    ("Farm Credit Administration", "", ""),
    ("Federal Financial Institutions Examination Council", "FFIEC", ""),
    ("Inter-American Foundation", "", ""),
    ("U.S. African Development Foundation", "USADF", "African Development Foundation"),
    ("U.S. Access Board", "", "Access Board"),
    ("Marine Mammal Commission", "", ""),
    ("Nuclear Waste Technical Review Board", "", ""),
    ("U.S. Commission of Fine Arts", "", "Commission of Fine Arts"),
    ("Advisory Council on Historic Preservation", "ACHP", ""),
    ("Administrative Conference of the United States", "ACUS", ""),
    ("Council of the Inspectors General on Integrity and Efficiency", "CIGIE", ""),
    ("Pandemic Response Accountability Committee", "PRAC", ""),
    ("Federal Permitting Improvement Steering Council", "", "Permitting Council"),
    ("U.S. Interagency Council on Homelessness", "USICH", ""),
    ("Denali Commission", "", ""),
    ("Delta Regional Authority", "", ""),
    ("Northern Border Regional Commission", "", ""),
    ("Legal Services Corporation", "LSC", ""),
    ("State Justice Institute", "", ""),
    ("U.S. Commission on International Religious Freedom", "USCIRF", "Commission on "
     "International Religious Freedom"),
    ("Presidio Trust", "", ""),
    ("Office of Government Information Services", "OGIS", ""),
    ("Federal Executive Institute", "", ""),
    ("National Council on Disability", "", ""),
    ("Armed Forces Retirement Home", "", ""),
    ("James Madison Memorial Fellowship Foundation", "", ""),
    ("Morris K. Udall and Stewart L. Udall Foundation", "", "Udall Foundation"),
    ("Harry S. Truman Scholarship Foundation", "", ""),
    ("Barry Goldwater Scholarship and Excellence in Education Foundation", "", ""),
    ("Woodrow Wilson International Center for Scholars", "", "Wilson Center"),
    ("John F. Kennedy Center for the Performing Arts", "", "Kennedy Center"),
    ("National Science Board", "NSB", ""),
    ("U.S. Office of the Special Inspector General for Afghanistan Reconstruction", "SIGAR",
     "Special Inspector General for Afghanistan Reconstruction"),
    ("Office of the Inspector General of the Intelligence Community", "IC-IG",
     "Intelligence Community Inspector General"),
    ("National Intelligence Council", "", ""),
    ("National Counterintelligence and Security Center", "NCSC", ""),
    ("Cyber Threat Intelligence Integration Center", "", ""),
    ("U.S. Postal Service Board of Governors", "", ""),
    ("Federal Accounting Standards Advisory Board", "FASAB", ""),
    ("Public Company Accounting Oversight Board", "PCAOB", ""),
    ("Financial Industry Regulatory Authority", "FINRA", ""),
    ("Municipal Securities Rulemaking Board", "MSRB", ""),
    ("National Futures Association", "", ""),
    ("Securities Investor Protection Corporation", "SIPC", ""),
    ("U.S. Court of Appeals for the Armed Forces", "", ""),
    ("Judicial Panel on Multidistrict Litigation", "JPML", ""),
    ("Foreign Intelligence Surveillance Court", "FISC", "FISA Court"),
    ("Tribal Law and Order Commission", "", ""),
    ("Federal Reserve Board Office of Inspector General", "", ""),
    ("Corporation for National and Community Service Office of Inspector General", "", ""),
    ("U.S. Botanic Garden", "", "United States Botanic Garden"),
    ("Office of Congressional Conduct", "", "Office of Congressional Ethics"),
    ("Congressional Office for International Leadership", "", ""),
    ("Office of Congressional Workplace Rights", "", ""),
    ("Senate Sergeant at Arms", "", "Office of the Senate Sergeant at Arms"),
    ("House Sergeant at Arms", "", "Office of the House Sergeant at Arms"),
]  # fmt: skip

# Guarded short forms (matched only where they cannot mean another body; see the engine).
SHORT_FORMS = {
    "united-states-congress": ["Congress"],
    "us-senate": ["Senate"],
    "us-house-of-representatives": ["House"],
    "us-army": ["Army"],
    "us-navy": ["Navy"],
    "us-air-force": ["Air Force"],
    "us-marine-corps": ["Marine Corps", "Marines"],
    "us-space-force": ["Space Force"],
    "us-coast-guard": ["Coast Guard"],
    "us-department-of-defense": ["Pentagon"],
    "supreme-court-of-the-united-states": ["Supreme Court", "High Court"],
    "board-of-governors-of-the-federal-reserve-system": ["Fed", "Federal Reserve"],
    "us-department-of-the-treasury": ["Treasury"],
    "us-secret-service": ["Secret Service"],
    "us-border-patrol": ["Border Patrol"],
    "us-capitol-police": ["Capitol Police"],
    "us-park-police": ["Park Police"],
    "national-guard-bureau": ["National Guard"],
    "us-census-bureau": ["Census Bureau"],
}
# Acronyms in the hand-written part of the register that mean something else more often.
DROP_ACRONYMS = {"us-department-of-education": "ED"}

# Titles of legislators resolve to their chamber.
TITLES_ADD = {
    "us-senate": ["Senator", "Sen.", "U.S. Sen.", "Senators", "Sens."],
    "us-house-of-representatives": [
        "Representative",
        "Rep.",
        "U.S. Rep.",
        "Representatives",
        "Reps.",
        "Congressman",
        "Congresswoman",
    ],
}
# Aliases that can mean another body and become short forms instead.
ALIASES_TO_SHORT = {"Supreme Court", "Space Force", "Secret Service", "Border Patrol",
                    "Capitol Police", "Park Police", "Federal Reserve", "Census Bureau",
                    "Marshals Service", "Postal Service", "Forest Service", "Park Service",
                    "Copyright Office", "Fiscal Service", "Selective Service", "Smithsonian",
                    "Homeland Security", "Veterans Affairs", "National Archives",
                    "Federal Judiciary", "Sentencing Commission", "Judicial Conference",
                    "Access Board", "Commercial Service", "Job Corps", "Joint Staff"}  # fmt: skip


def slugify(text: str) -> str:
    text = text.lower().replace("'", "").replace("’", "").replace("&", "and")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def org(name, *, slug="", acronym="", parent=None, aliases=(), titles=(), kind="agency", desc=""):
    return {
        "slug": slug or slugify(name.replace("U.S.", "us")),
        "name": name,
        "acronym": acronym,
        "kind": kind,
        "parent": parent,
        "website": "",
        "aliases": [a for a in dict.fromkeys(aliases) if a and a != name],
        "titles": list(dict.fromkeys(titles)),
        "description": desc,
    }


def district_names():
    """(district name, state, qualifier): "Southern District of New York"."""
    for state, qualifiers in DISTRICTS.items():
        for q in qualifiers.split() or [""]:
            place = f"the {state}" if state.endswith("Islands") else state
            if state == "District of Columbia":
                yield state, state, q
            else:
                yield (f"{q} District of {place}" if q else f"District of {place}"), state, q


def judicial_families():
    out = []
    for district, state, q in district_names():
        code = (q[:1] + "D" + POSTAL[state]) if q else ("D" + POSTAL[state])
        base = slugify(district)
        the = "the " if not district.startswith("the ") else ""
        out.append(
            org(
                f"U.S. District Court for {the}{district}",
                slug=f"us-district-court-{base}",
                parent="federal-judiciary",
                kind="court",
                aliases=[
                    f"United States District Court for {the}{district}",
                    f"U.S. District Court in {the}{district}",
                    f"District Court for {the}{district}",
                ],
                titles=[f"U.S. District Judge for {the}{district}"],
                desc=f"The federal trial court for {the}{district} ({code}).",
            )
        )
        if state in SHARED_USAO:
            continue
        if state == "Guam":
            name = (
                "U.S. Attorney's Office for the Districts of Guam and the Northern Mariana Islands"
            )
            extra = [
                "U.S. Attorney's Office for the District of Guam",
                "U.S. Attorney's Office for the District of the Northern Mariana Islands",
            ]
        else:
            name = f"U.S. Attorney's Office for {the}{district}"
            extra = []
        out.append(
            org(
                name,
                slug=f"us-attorneys-office-{base}",
                parent="us-department-of-justice",
                aliases=[
                    *extra,
                    f"United States Attorney's Office for {the}{district}",
                    f"U.S. Attorney's Office in {the}{district}",
                    f"{district} U.S. Attorney's Office",
                    f"Office of the U.S. Attorney for {the}{district}",
                ],
                titles=[
                    f"U.S. Attorney for {the}{district}",
                    f"United States Attorney for {the}{district}",
                    f"Assistant U.S. Attorney for {the}{district}",
                ],
                desc=f"The federal prosecutors of {the}{district}, part of the Justice Department.",
            )
        )
    return out


def fbi_field_offices():
    out = []
    for city in FBI_FIELD_OFFICES:
        city = city.replace("_", " ")
        out.append(
            org(
                f"FBI {city} Field Office",
                slug=f"fbi-{slugify(city)}-field-office",
                parent="federal-bureau-of-investigation",
                aliases=[
                    f"FBI's {city} Field Office",
                    f"Federal Bureau of Investigation {city} Field Office",
                    f"FBI {city}",
                    f"FBI Field Office in {city}",
                ],
                desc=f"The FBI's field office based in {city}.",
            )
        )
    for div in DEA_DIVISIONS:
        div = div.replace("_", " ")
        out.append(
            org(
                f"DEA {div} Field Division",
                slug=f"dea-{slugify(div)}-field-division",
                parent="drug-enforcement-administration",
                aliases=[f"DEA's {div} Field Division", f"DEA {div} Division"],
                desc=f"The Drug Enforcement Administration's {div} Field Division.",
            )
        )
    return out


def committees():
    out = []
    for short, subject, acr in SENATE_COMMITTEES:
        select = short in SENATE_SELECT
        kind = (
            "Special Committee"
            if short == "Aging"
            else ("Select Committee" if select else "Committee")
        )
        name = f"U.S. Senate {kind} on {subject}"
        slug = slugify(f"us-senate-{kind}-on-{subject.replace('the ', '')}")
        out.append(
            org(
                name,
                slug=slug,
                acronym=acr,
                parent="us-senate",
                kind="legislature",
                aliases=[
                    f"Senate {short} Committee",
                    f"Senate {subject.removeprefix('the ')} Committee",
                    f"Senate {kind} on {subject}",
                    f"United States Senate {kind} on {subject}",
                    f"Senate Committee on {subject}",
                ],
                titles=[
                    f"Chair of the Senate {short} Committee",
                    f"Senate {short} Committee Chairman",
                    f"Ranking Member of the Senate {short} Committee",
                ],
                desc=f"The Senate's {kind.lower()} on {subject.replace('the ', '')}.",
            )
        )
    for short, subject, acr in HOUSE_COMMITTEES:
        name = f"U.S. House Committee on {subject}"
        slug = slugify(f"us-house-committee-on-{subject.replace('the ', '')}")
        aliases = [
            f"House {short} Committee",
            f"House {subject.removeprefix('the ')} Committee",
            f"House Committee on {subject}",
            f"United States House Committee on {subject}",
        ]
        if short == "Oversight":
            aliases += [
                "House Oversight and Accountability Committee",
                "House Committee on Oversight and Accountability",
                "House Oversight and Government Reform Committee",
            ]
        out.append(
            org(
                name,
                slug=slug,
                acronym=acr,
                parent="us-house-of-representatives",
                kind="legislature",
                aliases=aliases,
                titles=[
                    f"Chair of the House {short} Committee",
                    f"House {short} Committee Chairman",
                    f"Ranking Member of the House {short} Committee",
                ],
                desc=f"The House of Representatives' standing committee on "
                f"{subject.replace('the ', '')}.",
            )
        )
    for name, acr, aliases in JOINT_COMMITTEES:
        parent = (
            "us-house-of-representatives"
            if name.startswith("House")
            else "us-senate"
            if name.startswith("Senate")
            else "united-states-congress"
        )
        out.append(
            org(
                name,
                acronym=acr,
                parent=parent,
                kind="legislature",
                aliases=aliases,
                desc="A committee, commission or caucus of Congress.",
            )
        )
    return out


def inspectors_general():
    out = []
    for short, full, slug, dept_alias in INSPECTORS_GENERAL:
        the = "the " if full.startswith(("Department", "Office")) else ""
        name = f"{full} Office of Inspector General"
        short_name = f"{short} Department" if short in ("State", "Treasury") else short
        aliases = [
            f"Office of Inspector General of {the}{full}",
            f"Office of the Inspector General of {the}{full}",
            f"{full} Office of the Inspector General",
            f"{short_name} Office of Inspector General",
            f"{short_name} Office of the Inspector General",
            f"{short_name} Inspector General's Office",
            f"U.S. {full} Office of Inspector General" if not full.startswith("U.S.") else "",
        ]
        if dept_alias:
            aliases += [
                f"{dept_alias} Office of Inspector General",
                f"{dept_alias} Office of the Inspector General",
                f"{dept_alias} Inspector General's Office",
            ]
        acronym = f"{short}-OIG" if short.isupper() else ""
        if short.isupper():
            aliases.append(f"{short} OIG")
        out.append(
            org(
                name,
                slug=f"{slug}-office-of-inspector-general",
                acronym=acronym,
                parent=slug,
                aliases=aliases,
                titles=[f"Inspector General of {the}{full}", f"{short_name} Inspector General"],
                desc=f"The independent auditors and investigators of {the}{full}.",
            )
        )
    return out


def components():
    out = []
    for parent, rows in COMPONENTS.items():
        for name, acr, aliases in rows:
            out.append(
                org(
                    name,
                    slug=slugify(name.replace("U.S.", "us")),
                    acronym=acr,
                    parent=parent,
                    aliases=[a for a in aliases.split(";") if a],
                    desc="A component of the federal government (see its parent).",
                )
            )
    for name, acr, aliases in INDEPENDENT:
        out.append(
            org(
                name,
                acronym=acr,
                aliases=[a for a in aliases.split(";") if a],
                desc="An independent federal body.",
            )
        )
    return out


def normal(text: str) -> str:
    text = text.lower().replace("united states", "us").replace("u.s.", "us")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.replace("'", "")).split())


def main():
    data = json.loads(REGISTER.read_text(encoding="utf-8"))
    made = judicial_families() + fbi_field_offices() + committees() + inspectors_general()
    made += components()
    made_slugs = {e["slug"] for e in made}
    kept = [
        e for e in data["organizations"] if e["slug"] not in made_slugs and not e.get("generated")
    ]
    taken = {}
    for e in kept:
        for n in [e["name"], *e["aliases"]]:
            taken.setdefault(normal(n), e["slug"])
    added = []
    for e in made:
        key = normal(e["name"])
        if key in taken and taken[key] != e["slug"]:
            continue  # already written by hand under another slug
        e["aliases"] = [
            a for a in e["aliases"] if taken.setdefault(normal(a), e["slug"]) == e["slug"]
        ]
        taken[key] = e["slug"]
        e["generated"] = True
        added.append(e)
    # parents: generated children of generated parents ("criminal-division")
    slugs = {e["slug"] for e in kept + added}
    for e in added:
        if e["parent"] and e["parent"] not in slugs:
            alt = {"criminal-division": "criminal-division", "civil-division": "civil-division"}
            e["parent"] = alt.get(e["parent"], e["parent"])
    everything = kept + added
    for e in everything:
        if DROP_ACRONYMS.get(e["slug"]) == e["acronym"]:
            e["acronym"] = ""
        shorts = SHORT_FORMS.get(e["slug"], [])
        moved = [a for a in e["aliases"] if a in ALIASES_TO_SHORT]
        e["aliases"] = [a for a in e["aliases"] if a not in ALIASES_TO_SHORT]
        titles = [t for t in e["titles"] if not t.startswith(SHORT)]
        titles += [t for t in TITLES_ADD.get(e["slug"], []) if t not in titles]
        forms = list(dict.fromkeys(shorts + moved))
        e["titles"] = titles + [SHORT + s for s in forms]
    data["organizations"] = everything
    REGISTER.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    missing = sorted(
        {e["parent"] for e in everything if e["parent"]} - {e["slug"] for e in everything}
    )
    print(f"{len(everything)} organizations ({len(added)} generated); unknown parents: {missing}")


if __name__ == "__main__":
    main()

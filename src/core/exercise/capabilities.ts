/**
 * The default catalogue of core capabilities: the 32 of the US National Preparedness Goal, grouped
 * by mission area, which HSEEP-based exercise programmes evaluate against. Administrators may edit
 * and add; these ship so a first exercise has something to link objectives to.
 */
export const MISSION_AREAS = [
  'prevention',
  'protection',
  'mitigation',
  'response',
  'recovery',
  'common',
] as const;

export const CORE_CAPABILITIES: readonly {
  key: string;
  name: string;
  missionArea: (typeof MISSION_AREAS)[number];
  description: string;
}[] = [
  {
    key: 'planning',
    name: 'Planning',
    missionArea: 'common',
    description: 'Plans that set out how to reach the objectives, at every level.',
  },
  {
    key: 'public-information-and-warning',
    name: 'Public Information and Warning',
    missionArea: 'common',
    description: 'Clear, timely, accessible information and warnings to the whole community.',
  },
  {
    key: 'operational-coordination',
    name: 'Operational Coordination',
    missionArea: 'common',
    description: 'A unified command structure that integrates all agencies.',
  },
  {
    key: 'forensics-and-attribution',
    name: 'Forensics and Attribution',
    missionArea: 'prevention',
    description: 'Investigating the source and means of an attack.',
  },
  {
    key: 'intelligence-and-information-sharing',
    name: 'Intelligence and Information Sharing',
    missionArea: 'prevention',
    description: 'Timely, accurate intelligence shared between agencies.',
  },
  {
    key: 'interdiction-and-disruption',
    name: 'Interdiction and Disruption',
    missionArea: 'prevention',
    description: 'Delaying, diverting, intercepting, halting or securing threats.',
  },
  {
    key: 'screening-search-and-detection',
    name: 'Screening, Search, and Detection',
    missionArea: 'prevention',
    description: 'Finding threats through screening, search and detection.',
  },
  {
    key: 'access-control-and-identity-verification',
    name: 'Access Control and Identity Verification',
    missionArea: 'protection',
    description: 'Letting only the right people into critical places and systems.',
  },
  {
    key: 'cybersecurity',
    name: 'Cybersecurity',
    missionArea: 'protection',
    description: 'Protecting electronic communications systems and services.',
  },
  {
    key: 'physical-protective-measures',
    name: 'Physical Protective Measures',
    missionArea: 'protection',
    description: 'Reducing risk to people, structures and systems through physical means.',
  },
  {
    key: 'risk-management-for-protection',
    name: 'Risk Management for Protection Programs and Activities',
    missionArea: 'protection',
    description: 'Identifying, assessing and prioritising risks to decide protection.',
  },
  {
    key: 'supply-chain-integrity-and-security',
    name: 'Supply Chain Integrity and Security',
    missionArea: 'protection',
    description: 'Securing the supply chain.',
  },
  {
    key: 'community-resilience',
    name: 'Community Resilience',
    missionArea: 'mitigation',
    description: 'Communities that understand their risks and act to reduce them.',
  },
  {
    key: 'long-term-vulnerability-reduction',
    name: 'Long-term Vulnerability Reduction',
    missionArea: 'mitigation',
    description: 'Building and sustaining resilient systems and communities.',
  },
  {
    key: 'risk-and-disaster-resilience-assessment',
    name: 'Risk and Disaster Resilience Assessment',
    missionArea: 'mitigation',
    description: 'Assessing risk and resilience to inform decisions.',
  },
  {
    key: 'threats-and-hazards-identification',
    name: 'Threats and Hazards Identification',
    missionArea: 'mitigation',
    description: 'Identifying the threats and hazards a community faces.',
  },
  {
    key: 'critical-transportation',
    name: 'Critical Transportation',
    missionArea: 'response',
    description: 'Transport for response priorities and evacuation of people and animals.',
  },
  {
    key: 'environmental-response-health-and-safety',
    name: 'Environmental Response/Health and Safety',
    missionArea: 'response',
    description: 'Protecting responders and the public from hazardous materials.',
  },
  {
    key: 'fatality-management-services',
    name: 'Fatality Management Services',
    missionArea: 'response',
    description: 'Recovering, identifying and caring for the dead and their families.',
  },
  {
    key: 'fire-management-and-suppression',
    name: 'Fire Management and Suppression',
    missionArea: 'response',
    description: 'Suppressing fires while protecting lives and property.',
  },
  {
    key: 'infrastructure-systems',
    name: 'Infrastructure Systems',
    missionArea: 'response',
    description: 'Stabilising and restoring critical infrastructure.',
  },
  {
    key: 'logistics-and-supply-chain-management',
    name: 'Logistics and Supply Chain Management',
    missionArea: 'response',
    description: 'Delivering essential commodities, equipment and services.',
  },
  {
    key: 'mass-care-services',
    name: 'Mass Care Services',
    missionArea: 'response',
    description: 'Shelter, food and support for affected people.',
  },
  {
    key: 'mass-search-and-rescue-operations',
    name: 'Mass Search and Rescue Operations',
    missionArea: 'response',
    description: 'Search and rescue for people in distress.',
  },
  {
    key: 'on-scene-security-protection-and-law-enforcement',
    name: 'On-scene Security, Protection, and Law Enforcement',
    missionArea: 'response',
    description: 'Safe and secure environments for responders and the public.',
  },
  {
    key: 'operational-communications',
    name: 'Operational Communications',
    missionArea: 'response',
    description: 'Communications between responders and with the affected community.',
  },
  {
    key: 'public-health-healthcare-and-ems',
    name: 'Public Health, Healthcare, and Emergency Medical Services',
    missionArea: 'response',
    description: 'Lifesaving medical treatment and public health measures.',
  },
  {
    key: 'situational-assessment',
    name: 'Situational Assessment',
    missionArea: 'response',
    description: 'Decision-relevant information on the nature and extent of the incident.',
  },
  {
    key: 'economic-recovery',
    name: 'Economic Recovery',
    missionArea: 'recovery',
    description: 'Returning economic and business activity to health.',
  },
  {
    key: 'health-and-social-services',
    name: 'Health and Social Services',
    missionArea: 'recovery',
    description: 'Restoring health and social services networks.',
  },
  {
    key: 'housing',
    name: 'Housing',
    missionArea: 'recovery',
    description: 'Housing solutions that support recovery.',
  },
  {
    key: 'natural-and-cultural-resources',
    name: 'Natural and Cultural Resources',
    missionArea: 'recovery',
    description: 'Protecting natural and cultural resources and historic property.',
  },
];

// The engagement part of the default référentiel: trains de départ, ETA parameters, unit types
// and the radio talkgroup pool, embedded so the programs need no resource bundle.

extension EngagementReferentiel {
    /// The YAML texts by file name, for `referentiel export/check/hash`.
    public static let files: [String: String] = [
        "engagement.yaml": engagementYAML,
        "eta.yaml": etaYAML,
        "unit-types.yaml": unitTypesYAML,
        "talkgroups.yaml": talkgroupsYAML,
    ]

    static let engagementYAML = #"""
# Trains de départ: what to send, per nature, and per priority where it differs.
#
# A need is "COUNT NAME" or "COUNT NAME (SUBSTITUTE|…)". NAME is a unit type (upper case,
# from unit-types.yaml) or a capability (lower case). Substitutes are sent when they come
# sooner than the wanted unit even after substitute_penalty_s (eta.yaml).
#
# needs       the default train
# P0 … P3     the train for that priority, instead of the default
# max_eta_s   beyond this, a need is reported unmet (beyond_max_eta) rather than filled;
#             default per priority in eta.yaml
#
# Every nature of natures.yaml has a rule; a nature without one is a référentiel error.

rules:
  SAP.ACR:                      {needs: [1 ems_bls, 1 ems_als]}
  SAP.INCONSCIENT:              {needs: [1 ems_bls, 1 ems_als]}
  SAP.DETRESSE_RESP:            {needs: [1 ems_bls, 1 ems_als]}
  SAP.HEMORRAGIE:               {needs: [1 ems_bls, 1 ems_als]}
  SAP.NOYADE:                   {needs: [1 ems_bls, 1 ems_als, 1 rescue]}
  SAP.PENDAISON:                {needs: [1 ems_bls, 1 ems_als, 1 police]}
  SAP.DEFENESTRATION:           {needs: [1 ems_bls, 1 ems_als]}
  SAP.DOULEUR_THORACIQUE:       {needs: [1 ems_als (ems_bls)]}
  SAP.AVC:                      {needs: [1 ems_bls]}
  SAP.ACCOUCHEMENT:             {needs: [1 ems_bls], P0: [1 ems_bls, 1 ems_als]}
  SAP.INTOXICATION:             {needs: [1 ems_bls], P0: [1 ems_bls, 1 ems_als]}
  SAP.BRULURE:                  {needs: [1 ems_bls], P0: [1 ems_bls, 1 ems_als]}
  SAP.TENTATIVE_SUICIDE:        {needs: [1 ems_bls, 1 police], P0: [1 ems_bls, 1 ems_als, 1 police]}
  SAP.MALAISE:                  {needs: [1 ems_bls]}
  SAP.CHUTE:                    {needs: [1 ems_bls]}
  SAP.RELEVAGE:                 {needs: [1 ems_bls (utility)], max_eta_s: 7200}
  AVP.VEHICULE:                 {needs: [1 ems_bls, 1 FPT (FPTL), 1 police], P0: [2 ems_bls, 1 ems_als, 1 FPT (FPTL), 1 extrication, 1 police]}
  AVP.INCARCERATION:            {needs: [1 extrication, 1 FPT (FPTL), 1 ems_bls, 1 ems_als, 1 police]}
  AVP.PIETON:                   {needs: [1 ems_bls, 1 ems_als, 1 police]}
  AVP.FERROVIAIRE:              {needs: [1 extrication, 2 FPT (FPTL), 2 ems_bls, 1 ems_als, 1 command, 1 police]}
  INC.HABITATION:
    needs: [2 FPT (FPTL), 1 aerial, 1 ems_bls, 1 command]
    P0: [2 FPT (FPTL), 1 aerial, 1 ems_bls, 1 ems_als, 1 command]
  INC.ERP:                      {needs: [3 FPT (FPTL), 1 aerial, 1 ems_bls, 1 command, 1 police]}
  INC.INDUSTRIEL:               {needs: [3 FPT (FPTL), 1 aerial, 1 hazmat, 1 command]}
  INC.VEHICULE:                 {needs: [1 FPT (FPTL)]}
  INC.VEGETATION:               {needs: [2 CCF, 1 command], P0: [4 CCF, 1 FPT (FPTL), 1 command]}
  INC.CHEMINEE:                 {needs: [1 FPT (FPTL), 1 aerial]}
  INC.POUBELLE:                 {needs: [1 FPTL (FPT)], max_eta_s: 3600}
  INC.ALARME:                   {needs: [1 FPT (FPTL)]}
  TEC.FUITE_GAZ:                {needs: [1 FPT (FPTL), 1 command]}
  TEC.ELECTRIQUE:               {needs: [1 FPT (FPTL)]}
  TEC.EXPLOSION:                {needs: [2 FPT (FPTL), 1 rescue, 2 ems_bls, 1 ems_als, 1 command, 1 police]}
  TEC.NRBC:                     {needs: [1 hazmat, 1 FPT (FPTL), 1 ems_bls, 1 ems_als, 1 command, 1 police]}
  DIV.INONDATION:               {needs: [1 utility (FPTL|FPT)]}
  DIV.ASCENSEUR:                {needs: [1 FPTL (FPT|utility)]}
  DIV.ARBRE:                    {needs: [1 utility (FPTL|FPT)]}
  DIV.ANIMAL:                   {needs: [1 utility (FPTL)]}
  DIV.NID_INSECTES:             {needs: [1 utility (FPTL)], max_eta_s: 14400}
  DIV.OUVERTURE_PORTE:          {needs: [1 FPTL (FPT|utility), 1 police]}
  SEC.RIXE:                     {needs: [2 police], P0: [2 police, 1 ems_bls]}
  SEC.AGRESSION:                {needs: [1 police, 1 ems_bls]}
  SEC.VIOLENCES_INTRAFAMILIALES: {needs: [2 police]}
  SEC.ARME:                     {needs: [1 armed_response, 1 police, 1 ems_als]}
  SEC.ATTENTAT:                 {needs: [2 armed_response, 2 police, 2 ems_bls, 2 ems_als, 2 FPT (FPTL), 1 command]}
  SEC.PRISE_OTAGE:              {needs: [1 armed_response, 2 police]}
  SEC.CAMBRIOLAGE:              {needs: [1 police]}
  SEC.VOL:                      {needs: [1 police]}
  SEC.DISPARITION:              {needs: [1 police], P0: [2 police]}
  SEC.TAPAGE:                   {needs: [1 police], max_eta_s: 7200}
  SEC.CIRCULATION:              {needs: [1 police]}
  SEC.ALARME:                   {needs: [1 police]}
  # Redirected, advice, hoax, silent calls: no unit. A human decides for ADM.INDETERMINE.
  ADM.RENSEIGNEMENT:            {needs: []}
  ADM.REORIENTATION:            {needs: []}
  ADM.APPEL_ABUSIF:             {needs: []}
  ADM.APPEL_INABOUTI:           {needs: []}
  ADM.INDETERMINE:              {needs: []}
"""#

    static let etaYAML = #"""
# Estimated time of arrival = turnout + straight-line distance × road_factor ÷ speed.

road_factor: 1.35

# Turnout (seconds) by unit status: AVAILABLE is at its station, RETURNING is on the road.
turnout_s:
  AVAILABLE: 120
  RETURNING: 20
# An AVAILABLE unit whose fresh position is further than this from its station is on the road.
on_the_road_beyond_m: 500
# Turnout at the station for types that leave faster or slower than the default.
turnout_at_station_by_type: {SMUR: 90, VLM: 60, VLCG: 60, PS: 20, BAC: 20, PATG: 30, PSIG: 60, CCF: 180, RCH: 300}

# Speed (km/h) by unit type and priority; `default` for types not listed.
speed_kmh:
  default: {P0: 60, P1: 55, P2: 45, P3: 40}
  EPA:     {P0: 45, P1: 45, P2: 40, P3: 35}
  CCF:     {P0: 50, P1: 50, P2: 40, P3: 35}
  RCH:     {P0: 50, P1: 50, P2: 40, P3: 35}
  SMUR:    {P0: 70, P1: 65, P2: 50, P3: 45}
  VLM:     {P0: 70, P1: 65, P2: 50, P3: 45}
  VLCG:    {P0: 70, P1: 65, P2: 50, P3: 45}
  PS:      {P0: 70, P1: 65, P2: 50, P3: 45}
  BAC:     {P0: 70, P1: 65, P2: 50, P3: 45}
  PATG:    {P0: 75, P1: 70, P2: 55, P3: 50}
  PSIG:    {P0: 75, P1: 70, P2: 55, P3: 50}

# A last known position older than this is stale: the station's position is used instead.
stale_after_s: 1800

# A need is unmet (beyond_max_eta) when no unit can come sooner than this, unless the rule says.
max_eta_s: {P0: 1500, P1: 2400, P2: 3600, P3: 7200}

# A substitute is chosen only when it comes this much sooner than the wanted unit.
substitute_penalty_s: 120

# Coherence: an event further than this from every station is outside the centre's area;
# a unit sent further than this from its own station works far outside its sector.
area_margin_m: 20000
sector_radius_m: 30000

# How many next-best units each pick keeps, so a dispatcher who loses a race gets the next one.
alternates: 4
"""#

    static let unitTypesYAML = #"""
# Unit types (DOMAIN.md): the service that staffs them and their capabilities.
# A unit imported with its own capabilities keeps them; otherwise it gets its type's.

types:
  VSAV: {service: SP,   label: véhicule de secours et d'assistance aux victimes, capabilities: [ems_bls, transport]}
  SMUR: {service: SAMU, label: structure mobile d'urgence et de réanimation, capabilities: [ems_als]}
  VLM:  {service: SAMU, label: véhicule léger médicalisé, capabilities: [ems_als]}
  AMBU: {service: SAMU, label: ambulance privée, capabilities: [ems_bls, transport]}
  FPT:  {service: SP,   label: fourgon pompe-tonne, capabilities: [fire_suppression, water, rescue]}
  FPTL: {service: SP,   label: fourgon pompe-tonne léger, capabilities: [fire_suppression, water]}
  EPA:  {service: SP,   label: échelle pivotante automatique, capabilities: [aerial, rescue]}
  CCF:  {service: SP,   label: camion-citerne feux de forêts, capabilities: [wildland, water]}
  VSR:  {service: SP,   label: véhicule de secours routier, capabilities: [extrication]}
  VLCG: {service: SP,   label: véhicule léger chef de groupe, capabilities: [command]}
  VTU:  {service: SP,   label: véhicule tous usages, capabilities: [utility]}
  RCH:  {service: SP,   label: cellule risques chimiques, capabilities: [hazmat]}
  PS:   {service: POLICE, label: patrouille police secours, capabilities: [police]}
  BAC:  {service: POLICE, label: brigade anti-criminalité, capabilities: [police, armed_response]}
  PATG: {service: GEND, label: patrouille de gendarmerie, capabilities: [police]}
  PSIG: {service: GEND, label: peloton de surveillance et d'intervention de la gendarmerie, capabilities: [police, armed_response]}
"""#

    static let talkgroupsYAML = #"""
# Tactical talkgroups for the units on scene: one from the pool for each event that needs one,
# never one talkgroup on two open events; released when the event closes.

pool:
  - {prefix: TKG-, from: 101, to: 164}
  - {prefix: TKG-OPS-, from: 1, to: 8}

# An event gets a talkgroup when its priority is one of these, or when it has this many units.
priorities: [P0]
min_units: 2
"""#
}

// The notification part of the default référentiel (DOMAIN.md, "Notifications"), embedded as
// YAML so the programs need no resource bundle. `files` is what `referentiel export/check/hash`
// add to the classification files.

public enum NotificationFiles {
    /// The YAML files by name, exactly as exported.
    public static let files: [String: String] = [
        "recipients.yaml": recipients,
        "notification-rules.yaml": rules,
        "templates.yaml": templates,
    ]

    /// Load order (recipients first: rules and templates refer to them).
    public static let fileNames = ["recipients.yaml", "notification-rules.yaml", "templates.yaml"]

    static let recipients = #"""
# Who can be notified, on which channels, and who is told when they do not acknowledge.
#
# id          how rules, `ccas-notify send --to` and `ack` name the recipient
# kind        role (chain of command, authorities), partner (other services) or station
# channels    one or more of:
#               {type: stdout}                       a `notification` record on standard output
#               {type: file, target: DIR}            one JSON file per notification in a spool directory
#               {type: webhook, target: URL}         HTTP POST of JSON, signed (X-CCAS-Signature)
#               {type: exec, target: COMMAND}        runs COMMAND, the message on standard input
#               {type: cap, target: DIR|FILE.xml|URL} an OASIS CAP 1.2 alert
#             target "spool" is the default spool directory ($CCAS_SPOOL, else
#             $XDG_DATA_HOME/ccas/spool)
# escalation  recipient notified when this one has not acknowledged by the deadline
# exercise    false: never notified of exercises (default true)
# station     for kind station: the station name dispatch records give (`units[].station`);
#             the recipient with id `station` serves every station not listed

recipients:
  - id: supervisor
    kind: role
    label_fr: chef de salle
    label_en: room supervisor
    channels: [{type: file, target: spool}]
    escalation: duty_officer

  - id: duty_officer
    kind: role
    label_fr: officier de permanence
    label_en: duty officer
    channels: [{type: file, target: spool}]
    escalation: supervisor

  - id: prefect
    kind: role
    label_fr: préfet (permanence préfectorale)
    label_en: prefect (duty office)
    channels: [{type: file, target: spool}]
    escalation: duty_officer
    exercise: false

  - id: prosecutor
    kind: role
    label_fr: procureur de la République (permanence du parquet)
    label_en: public prosecutor (duty office)
    channels: [{type: file, target: spool}]
    escalation: duty_officer
    exercise: false

  - id: mayor
    kind: role
    label_fr: maire de la commune
    label_en: mayor
    channels: [{type: file, target: spool}]
    escalation: duty_officer
    exercise: false

  - id: samu
    kind: partner
    label_fr: SAMU (centre 15)
    label_en: emergency medical service (SAMU)
    channels: [{type: file, target: spool}]
    escalation: supervisor

  - id: police
    kind: partner
    label_fr: police nationale (CIC 17)
    label_en: police (17)
    channels: [{type: file, target: spool}]
    escalation: supervisor

  - id: gendarmerie
    kind: partner
    label_fr: gendarmerie nationale (CORG 17)
    label_en: gendarmerie (17)
    channels: [{type: file, target: spool}]
    escalation: supervisor

  - id: sncf
    kind: partner
    label_fr: SNCF Réseau (poste de commandement)
    label_en: SNCF rail network control
    channels: [{type: file, target: spool}]
    escalation: supervisor

  - id: grdf
    kind: partner
    label_fr: GRDF (urgence sécurité gaz)
    label_en: GRDF gas emergency
    channels: [{type: file, target: spool}]
    escalation: supervisor

  - id: enedis
    kind: partner
    label_fr: ENEDIS (dépannage électricité)
    label_en: ENEDIS electricity emergency
    channels: [{type: file, target: spool}]
    escalation: supervisor

  - id: dir
    kind: partner
    label_fr: DIR (direction interdépartementale des routes)
    label_en: roads authority (DIR)
    channels: [{type: file, target: spool}]
    escalation: supervisor

  - id: station
    kind: station
    label_fr: centre de secours
    label_en: station
    channels: [{type: file, target: spool}]
    escalation: supervisor
"""#

    static let rules = #"""
# Who is told what (DOMAIN.md, "Notifications"). Each rule names why; each notification carries
# the rule. A recipient selected by several rules gets one notification naming them all.
#
# when      a list of alternatives; a notification is due when one of them holds. In an
#           alternative every key must hold:
#             priority: [P0]                 the event's priority is one of these
#             nature: [SEC.ATTENTAT, AVP.*]  its nature is one of these (FAMILY.* for a family;
#                                            @sensitive for the sensitive_natures list)
#             fact: ["victims>=3"]           one of these facts holds: name (true or >0),
#                                            name>=n, name=value
#             units_engaged: true            units are engaged (committed dispatch)
# notify    recipient ids (recipients.yaml); @stations means each engaged unit's station
# ask       what is asked of the recipient: a key of `asks:` in templates.yaml
# deadline  seconds to acknowledge; default by priority from `deadlines`
# why_fr, why_en   the reason, in words, carried by the notification

deadlines: {P0: 60, P1: 300, P2: 900, P3: 3600}

sensitive_natures: [SEC.ARME, SEC.ATTENTAT, SEC.PRISE_OTAGE, SEC.VIOLENCES_INTRAFAMILIALES,
  SEC.DISPARITION, TEC.NRBC, TEC.EXPLOSION, AVP.FERROVIAIRE, INC.ERP, SAP.PENDAISON]

rules:
  - id: units.station
    when: [{units_engaged: true}]
    notify: ["@stations"]
    ask: depart
    why_fr: "moyen engagé : alerte de son centre"
    why_en: "unit engaged: its station is alerted"

  - id: p0.supervisor
    when: [{priority: [P0]}]
    notify: [supervisor]
    ask: inform
    why_fr: "toute P0 est signalée au chef de salle"
    why_en: "every P0 is reported to the room supervisor"

  - id: victims-or-sensitive.duty_officer
    when: [{fact: ["victims>=3"]}, {nature: ["@sensitive"]}]
    notify: [duty_officer]
    ask: inform
    why_fr: "3 victimes ou plus, ou nature sensible"
    why_en: "3 or more victims, or a sensitive nature"

  - id: major.authorities
    when: [{nature: [SEC.ATTENTAT, SEC.PRISE_OTAGE]}, {fact: ["victims>=10"]}]
    notify: [prefect, prosecutor, samu, police, gendarmerie]
    ask: decide
    why_fr: "attentat, prise d'otage ou nombreuses victimes (10 ou plus)"
    why_en: "attack, hostage taking or mass casualties (10 or more)"

  - id: death.prosecutor
    when: [{fact: ["deaths>=1", "dead", "outcome=death"]}]
    notify: [prosecutor]
    ask: inform
    why_fr: "décès"
    why_en: "a death"

  - id: rail.sncf
    when: [{nature: [AVP.FERROVIAIRE]}, {fact: ["place=rail"]}]
    notify: [sncf]
    ask: act
    why_fr: "emprise ferroviaire"
    why_en: "rail involved"

  - id: gas.grdf
    when: [{nature: [TEC.FUITE_GAZ]}, {fact: ["gas"]}]
    notify: [grdf]
    ask: act
    why_fr: "gaz"
    why_en: "gas involved"

  - id: electricity.enedis
    when: [{nature: [TEC.ELECTRIQUE]}, {fact: ["electricity"]}]
    notify: [enedis]
    ask: act
    why_fr: "risque électrique"
    why_en: "electrical hazard"

  - id: road.dir
    when: [{nature: [DIV.ARBRE]}]
    notify: [dir]
    ask: act
    why_fr: "obstacle sur une route"
    why_en: "obstacle on a road"

  - id: public-building.mayor
    when: [{nature: [INC.ERP]}, {fact: ["place=public_building", "place=erp"]}]
    notify: [mayor]
    ask: inform
    why_fr: "établissement recevant du public"
    why_en: "public building"
"""#

    static let templates = #"""
# Message texts. Placeholders: {event} {nature} {nature_label} {priority} {address} {lat} {lon}
# {victims} {units} {talkgroup} {recipient} {why} {ask} {text} {unit}. `asks` say what is asked
# of the recipient; a rule names one. `exercise` prefixes every message of an exercise.

default_language: fr

languages:
  fr:
    subject: "{exercise}[{priority}] {event} {nature_label}"
    body: |-
      {exercise}Événement {event} : {nature_label} ({nature}), priorité {priority}.
      Adresse : {address} ({lat}, {lon}).
      Victimes : {victims}.
      Moyens engagés : {units}.
      Conférence radio : {talkgroup}.
      Motif : {why}.
      Demandé : {ask}
    message: |-
      {exercise}Message de la salle : {text}
      Événement : {event}.
      Demandé : {ask}
    exercise: "EXERCICE "
    unknown: "non précisé"
    none: "aucun"
    asks:
      depart: "départ immédiat de {unit} ; accusez réception de l'alerte."
      inform: "prendre connaissance ; accusez réception."
      act: "intervention de votre service ; accusez réception et rappelez la salle."
      decide: "décision et présence de votre autorité ; accusez réception."
      message: "accusez réception."
      escalation: "{recipient} n'a pas accusé réception dans le délai ; prenez le relais et accusez réception."
  en:
    subject: "{exercise}[{priority}] {event} {nature_label}"
    body: |-
      {exercise}Event {event}: {nature_label} ({nature}), priority {priority}.
      Address: {address} ({lat}, {lon}).
      Victims: {victims}.
      Units engaged: {units}.
      Talkgroup: {talkgroup}.
      Reason: {why}.
      Asked: {ask}
    message: |-
      {exercise}Message from the room: {text}
      Event: {event}.
      Asked: {ask}
    exercise: "EXERCISE "
    unknown: "not stated"
    none: "none"
    asks:
      depart: "{unit} to leave now; acknowledge the alert."
      inform: "take note; acknowledge."
      act: "your service is needed; acknowledge and call the room back."
      decide: "your authority's decision and presence; acknowledge."
      message: "acknowledge."
      escalation: "{recipient} did not acknowledge in time; take over and acknowledge."
"""#
}

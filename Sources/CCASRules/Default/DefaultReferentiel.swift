/// The default référentiel (DOMAIN.md made data), built into the programs.
enum DefaultReferentiel {
    /// The YAML files by name, exactly as `referentiel export` writes them: the classification
    /// files here, the engagement and notification ones from their own sources.
    static let files: [String: String] = Referentiel.completed([
        "natures.yaml": natures,
        "patterns.yaml": patterns,
        "questions.yaml": questions,
        "aliases.yaml": aliases,
    ])
}

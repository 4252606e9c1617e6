/// The default référentiel (DOMAIN.md made data), built into the programs.
enum DefaultReferentiel {
    /// The YAML files by name, exactly as `referentiel export` writes them.
    static let files: [String: String] = [
        "natures.yaml": natures,
        "patterns.yaml": patterns,
        "questions.yaml": questions,
        "aliases.yaml": aliases,
    ]
}

import ArgumentParser

extension ListingFormat: ExpressibleByArgument {}

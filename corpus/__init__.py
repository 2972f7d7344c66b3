"""casemeta corpus package."""

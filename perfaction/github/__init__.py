"""Everything that knows about GitHub lives in this package; the stages never import it."""

"""One file per schema revision, applied in order; a released revision never changes."""

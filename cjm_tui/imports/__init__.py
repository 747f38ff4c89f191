"""Other formats to maps: the inverse of the exports, where an export can be read back."""

"""The editor's screens: the main screen and its dialogs."""

"""Mon espace: the screen that gathers what waits for a member."""

"""The two seed documents as press releases in Romanian and English (issue: newsroom)."""


def load():
    pass

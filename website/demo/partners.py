"""The DigiPlace (DI4C) project, its partners and Botoșani's pilot action (issue: partnerships)."""


def load():
    pass

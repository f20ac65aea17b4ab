"""TODO"""


def run(results, backends, *, quick):
    pass

"""``python -m lexmig``: the command line, as the ``lexmig`` script runs it."""
from lexmig.search.cli import main

if __name__ == "__main__":
    main()

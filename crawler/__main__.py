"""`python -m crawler` runs the same click group as the `fanwen` script."""

from crawler.cli import main

if __name__ == "__main__":
    main()

"""lead-lens: find the leads marketing lost in the sales black hole."""

__version__ = "0.1.0"

"""inspectkg: a knowledge-graph builder for police-inspection reports and the news about them."""

__version__ = "0.1.0"

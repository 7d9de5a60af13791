"""newsdesk: catch the moment an authority changes a figure it officially acknowledges.

The package holds the pure core (claim extraction, figure tracking, records, schemas and
settings). Kafka and Faust live at the edges: ``streams`` (the Faust worker) and ``feeds``
(article sources and publishers) adapt this core to topics, and ``newsdesk.cli`` to people.
"""

__version__ = "0.1.0"

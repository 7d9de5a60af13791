"""The Faust side: the app, its topics and the agents that move data between them.

Agents only decode, call the pure core (:mod:`newsdesk.extraction`, :mod:`newsdesk.tracking`)
and encode; anything they cannot process goes to the dead-letter topic with the reason.
"""

"""The modes: what perf-action does, one module each, called alike by the command line and the action.

A mode takes one typed request (and, where it needs one, the RunContext its face built), reads each
input once, hands values from stage to stage, and returns what the face prints or publishes.
Adding a mode: a module here with its request dataclass and its function; then cli.py and/or
action.py parse their inputs into that request and call it.
"""

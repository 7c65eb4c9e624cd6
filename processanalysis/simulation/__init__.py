"""Quantitative analysis: parameters, the analytical effort model, and simulation.

``parameters`` holds the one parameter model every source is read into (BPSim, QBP,
Prosimos JSON, ADONIS attributes, the workbench's own ``pa:`` attributes, spreadsheets);
``analytical`` computes expected effort, cost, utilisation and lead time without
randomness; ``engine`` simulates cases event by event.
"""

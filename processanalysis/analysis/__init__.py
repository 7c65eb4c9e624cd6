"""Analyses of process models: media breaks, hand-offs, bottlenecks, model quality, KPIs.

One module per analysis, one :class:`~processanalysis.analysis.finding.Finding` type, a
registry of rules, and a runner that applies a rule profile.
"""

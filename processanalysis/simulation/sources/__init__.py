"""Readers (and writers) of process parameters, one module per source.

Each reader returns a :class:`~processanalysis.simulation.sources.layer.Layer` holding only
the values its source gives; :func:`processanalysis.simulation.params_io.load_parameters`
merges them, weakest first: ADONIS attributes, QBP, BPSim, the workbench's ``pa:``
attributes, an explicit file (template or Prosimos JSON).
"""

from processanalysis.simulation.sources.adonis import read_adonis
from processanalysis.simulation.sources.bpsim import read_bpsim, write_bpsim
from processanalysis.simulation.sources.layer import Layer
from processanalysis.simulation.sources.pa import read_pa, write_pa
from processanalysis.simulation.sources.prosimos import ProsimosError, read_prosimos
from processanalysis.simulation.sources.qbp import read_qbp
from processanalysis.simulation.sources.template import (
    TemplateError,
    TemplateIssue,
    check_template,
    read_template_layer,
    write_template,
)

__all__ = [
    "Layer",
    "ProsimosError",
    "TemplateError",
    "TemplateIssue",
    "check_template",
    "read_adonis",
    "read_bpsim",
    "read_pa",
    "read_prosimos",
    "read_qbp",
    "read_template_layer",
    "write_bpsim",
    "write_pa",
    "write_template",
]

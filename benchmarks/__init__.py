"""Benchmarks of the BPMN importer on synthetic models; run ``python -m benchmarks.run``."""

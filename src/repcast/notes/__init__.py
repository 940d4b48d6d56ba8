"""Beside the pipeline, routines as plain text: notations, the importer, the exporter.
Imports routine/, coach/ (numbers in words) and the shared modules."""

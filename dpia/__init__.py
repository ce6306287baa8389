"""dpia: turn a DPO's Excel workbook into a complete, auditable Word DPIA."""

__version__ = "0.1.0"

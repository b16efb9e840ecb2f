"""The Qt layer: windows, tabs, dialogs and item models. Qt is imported nowhere else."""

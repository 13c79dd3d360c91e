"""The Spark engine (``retold scan --engine spark``; ``pip install 'retold[spark]'``).

``engine`` runs the stages on a Spark session (``session``), ``tasks`` is what executors run,
``components`` finds connected components with DataFrame iterations (no GraphFrames jar).
Importing this package imports nothing of pyspark.
"""

"""The Spark engine (``retold scan --engine spark``; ``pip install 'retold[spark]'``).

``engine`` runs the stages on a Spark session (``session``), ``tasks`` is what executors run,
``components`` finds connected components with DataFrame iterations (no GraphFrames jar).
``inputs`` lists the input files and says how each reaches a task; ``hadoop`` is the driver's
access to Hadoop file systems (through the JVM), ``folders`` a results folder on one.
Importing this package imports nothing of pyspark.
"""

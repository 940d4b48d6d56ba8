"""Stage 5, the podcast: batches (process pool or Dask), feed, pages, covers, charts, the
preview server. Imports build.py and every stage below it."""

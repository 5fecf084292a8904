"""Demo content for the Municipality of Botoșani, built from its two source documents.

Each module adds one part of the site and is safe to run again: what exists is kept
as it is (editors may have changed it), only what is missing is created.
"""

"""Domain objects: immutable, validated records built from source documents."""

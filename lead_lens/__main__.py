from lead_lens.cli import main

# Guarded: worker processes (the parallel signal scan uses 'spawn') import this module again.
if __name__ == "__main__":
    raise SystemExit(main())

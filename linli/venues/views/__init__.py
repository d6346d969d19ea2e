"""venues pages: booking (phone and desk), staff management, the fitness register and figures."""

"""What a SPOC is judged by: the dashboard's figures, satisfaction, first-contact
resolution, effort and demand, and the report that carries them."""

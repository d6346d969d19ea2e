"""care's pages: the visit form and its three-tap household picker (`visits`), coverage and plans
(`coverage`), care plans and escalations (`care`)."""

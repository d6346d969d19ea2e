"""socialwork's permission codes (declared in socialwork/module.py). A code is not enough to see a
case file: that needs being its social worker, their supervisor, or shared with (models.case_q)."""

REFER_CLIENT = "refer_socialwork"  # refer a resident to the social workers (any staff)
MANAGE_SOCIALWORK = "manage_socialwork"  # the roster of social workers and supervisors; programmes
VIEW_PROGRAMMES = "view_programmes"  # programme reports (figures, no case file)

__all__ = ["MANAGE_SOCIALWORK", "REFER_CLIENT", "VIEW_PROGRAMMES"]

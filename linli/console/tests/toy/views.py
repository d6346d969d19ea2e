from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from linli.tenancy.community import community_with


@login_required
def toy_list(request):
    community, _scope = community_with(request, "view_toy")
    return HttpResponse(f"toys of {community.code}")

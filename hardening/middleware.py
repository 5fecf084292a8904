"""Security headers every response carries (hardening/security.py says what they are)."""

from . import conf, security


class ContentSecurityPolicyMiddleware:
    """Gives each request a fresh nonce (`request.csp_nonce`, for `<script nonce="…">` in
    templates) and each response the policy for its part of the site: the public policy
    (our own origin only, inline scripts only with the nonce), the admin's (Wagtail's admin
    needs inline scripts and styles), or the error pages' (inline style only). Also sets
    Permissions-Policy, which Django does not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = security.new_nonce()
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = security.policy_for(request, response)
        permissions_policy = conf.permissions_policy()
        if permissions_policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = permissions_policy
        return response

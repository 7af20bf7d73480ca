"""Exceptions raised by the ZORT Open API client."""


class ZortError(Exception):
    """Base class for every error the ZORT client raises."""


class ZortAuthenticationError(ZortError):
    """Raise when ZORT rejects the store name, API key or API secret."""


class ZortConnectionError(ZortError):
    """Raise when ZORT cannot be reached or answers with a server error."""


class ZortQuotaExceededError(ZortError):
    """Raise when the store has used up its daily API quota."""


class ZortApiError(ZortError):
    """Raise when ZORT answers a request with a business error."""

    def __init__(self, code: str | None, description: str | None) -> None:
        """Keep ZORT's response code and description."""
        super().__init__(f"ZORT answered {code}: {description}")
        self.code = code
        self.description = description

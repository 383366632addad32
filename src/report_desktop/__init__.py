"""政务公开年报助手: annual government-information-disclosure reports in the 2021 format."""
__version__ = "0.1.0"
APP_NAME = "政务公开年报助手"

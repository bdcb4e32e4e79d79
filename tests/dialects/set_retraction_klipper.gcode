; dialect case: SET_RETRACTION RETRACT_LENGTH=0.8 RETRACT_SPEED=35 on Klipper (no M207)
; source: Klipper3d/klipper 84104bbb klippy/extras/firmware_retraction.py :10-72
; firmware: klipper
; expect fw_length=0.8 fw_feed=2100 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
M207 S3
SET_RETRACTION RETRACT_LENGTH=0.8 RETRACT_SPEED=35

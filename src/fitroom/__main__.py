from fitroom.cli import main

main()

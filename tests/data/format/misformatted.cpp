// Input of the format check's control test: deliberately not in the .clang-format style.
int  main( ) {return 0 ;}
